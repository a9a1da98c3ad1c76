using LlmOps.Processors.Metrics;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// The evaluation engine's own state as Prometheus series, per evaluation exporter: spans waiting to be scored,
/// results waiting to be written, and cumulative counts of spans scored, not scored (queue full) and failed.
/// Published by the engine at each flush.
/// </summary>
internal sealed class EvaluationMetrics
{
    public const string QueueSpans = "llmops_evaluation_queue_spans";
    public const string QueueCapacity = "llmops_evaluation_queue_capacity_spans";
    public const string BufferedItems = "llmops_evaluation_buffered_items";
    public const string ScoredTotal = "llmops_evaluation_scores_total";
    public const string DroppedTotal = "llmops_evaluation_spans_dropped_total";
    public const string FailedTotal = "llmops_evaluation_failures_total";
    private const string LabelExporter = "exporter";

    private readonly GaugeSeries _queue;
    private readonly GaugeSeries _capacity;
    private readonly GaugeSeries _buffered;
    private readonly CounterSeries _scored;
    private readonly CounterSeries _dropped;
    private readonly CounterSeries _failed;

    public EvaluationMetrics(MetricRegistry registry, string exporterId)
    {
        ArgumentNullException.ThrowIfNull(registry);
        string[] labels = [LabelExporter];
        _queue = registry.Gauge(QueueSpans, "Spans waiting to be scored.", labels, 20).WithLabels(exporterId);
        _capacity = registry.Gauge(QueueCapacity, "Bound of the evaluation queue; beyond it spans are not scored.", labels, 20).WithLabels(exporterId);
        _buffered = registry.Gauge(BufferedItems, "Scores, evaluation log lines and flags waiting to be written.", labels, 20).WithLabels(exporterId);
        _scored = registry.Counter(ScoredTotal, "Evaluator scores produced.", labels, 20).WithLabels(exporterId);
        _dropped = registry.Counter(DroppedTotal, "Spans not scored because the evaluation queue was full.", labels, 20).WithLabels(exporterId);
        _failed = registry.Counter(FailedTotal, "Evaluator runs that failed with an error.", labels, 20).WithLabels(exporterId);
    }

    public void Publish(int queued, int capacity, int buffered, long scored, long dropped, long failed)
    {
        _queue.Set(queued);
        _capacity.Set(capacity);
        _buffered.Set(buffered);
        _scored.Set(scored);
        _dropped.Set(dropped);
        _failed.Set(failed);
    }
}
