using ProcessorLog = LlmOps.Processors.Evaluation.Engine.EvaluationLogEntry;
using ProcessorSink = LlmOps.Processors.Evaluation.Engine.IEvaluationLogSink;

namespace LlmOps.Collector.Composition.Management;

/// <summary>The evaluation engine's log lines into the management store's evaluation log.</summary>
internal sealed class ManagementEvaluationLogSink : ProcessorSink
{
    private readonly LlmOps.Management.Evaluators.IEvaluationLogSink _sink;

    public ManagementEvaluationLogSink(LlmOps.Management.Evaluators.IEvaluationLogSink sink) => _sink = sink;

    public Task AppendAsync(IReadOnlyList<ProcessorLog> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var mapped = new List<LlmOps.Management.Evaluators.EvaluationLogEntry>(entries.Count);
        foreach (var e in entries)
        {
            mapped.Add(new LlmOps.Management.Evaluators.EvaluationLogEntry(0, e.Timestamp, e.EvaluatorName, e.TraceId, e.SpanId, e.Score, e.DurationMs, e.Status, e.Message));
        }

        return _sink.AppendAsync(mapped, cancellationToken);
    }
}
