using LlmOps.Management.Annotations;
using LlmOps.Processors.Evaluation.Engine;

namespace LlmOps.Collector.Composition.Management;

/// <summary>Flagged spans into the management store's annotation queues (idempotent per queue, trace and span).</summary>
internal sealed class ManagementFlagSink : IFlaggedSpanSink
{
    private readonly IAnnotationQueueSink _queues;

    public ManagementFlagSink(IAnnotationQueueSink queues) => _queues = queues;

    public Task FlagAsync(IReadOnlyList<Processors.Evaluation.Engine.FlaggedSpan> spans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var items = new List<LlmOps.Management.Annotations.FlaggedSpan>(spans.Count);
        foreach (var s in spans)
        {
            items.Add(new LlmOps.Management.Annotations.FlaggedSpan(s.TraceId, s.SpanId, s.Queue, s.Rule, s.Reason, s.Severity, s.Time));
        }

        return _queues.EnqueueFlaggedAsync(items, cancellationToken);
    }
}
