using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Storage;

namespace LlmOps.Collector.Composition;

/// <summary>Finds the documents of a trace's stored retrieval spans for evaluators that need retrieved context.</summary>
internal sealed class StoreTraceContextSource : ITraceContextSource
{
    private readonly ITelemetryStore _store;

    public StoreTraceContextSource(ITelemetryStore store) => _store = store;

    /// <summary>The embedded SQLite store serves one collector (it cannot be shared by replicas).</summary>
    public bool SeesEveryTrace => _store.Driver == StorageOptions.SqliteDriver;

    public Task<IReadOnlyList<RetrievedDocument>> GetRetrievalDocumentsAsync(string traceId, CancellationToken cancellationToken) =>
        _store.GetRetrievalContextAsync(traceId, cancellationToken);
}
