using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Storage;

namespace LlmOps.Collector.Composition;

/// <summary>Finds a trace's stored spans (its retrieval span) for evaluators that need retrieved context.</summary>
internal sealed class StoreTraceContextSource : ITraceContextSource
{
    private readonly ITelemetryStore _store;

    public StoreTraceContextSource(ITelemetryStore store) => _store = store;

    public async Task<IReadOnlyList<SpanRecord>> GetSpansAsync(string traceId, CancellationToken cancellationToken)
    {
        var detail = await _store.GetTraceAsync(traceId, cancellationToken).ConfigureAwait(false);
        return detail?.Spans ?? [];
    }
}
