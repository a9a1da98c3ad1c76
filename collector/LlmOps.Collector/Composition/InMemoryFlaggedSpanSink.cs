using System.Collections.Concurrent;
using LlmOps.Processors.Evaluation.Engine;

namespace LlmOps.Collector.Composition;

/// <summary>Keeps flagged spans in memory, once per (queue, trace, span), when no annotation-queue store is registered.</summary>
internal sealed class InMemoryFlaggedSpanSink : IFlaggedSpanSink
{
    private readonly ConcurrentDictionary<(string, string, string), FlaggedSpan> _items = new();

    public IReadOnlyCollection<FlaggedSpan> Items => (IReadOnlyCollection<FlaggedSpan>)_items.Values;

    public Task FlagAsync(IReadOnlyList<FlaggedSpan> spans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spans);
        foreach (var s in spans)
        {
            _items.TryAdd((s.Queue, s.TraceId, s.SpanId), s);
        }

        return Task.CompletedTask;
    }
}
