using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Storage;

/// <summary>
/// The store as the pipeline's durable exporter: <see cref="ExportAsync"/> completes only after the batch's
/// transaction is committed (and fsynced, with SQLite's default <c>synchronous: full</c>). A store error caused by the
/// data itself is raised as <see cref="TelemetryRefusedException"/> (see <see cref="StoreRefusals"/>).
/// </summary>
internal sealed class TelemetryStoreExporter : ITelemetryExporter
{
    private readonly ITelemetryStore _store;
    private readonly bool _ownsStore;

    public TelemetryStoreExporter(ITelemetryStore store, string id = "storage", bool ownsStore = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(id);
        _store = store;
        _ownsStore = ownsStore;
        Id = id;
    }

    public string Id { get; }

    public bool IsDurable => true;

    public async Task ExportAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Spans.Count == 0 && batch.Logs.Count == 0)
        {
            return;
        }

        try
        {
            await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreRefusals.IsRefusal(ex))
        {
            throw new TelemetryRefusedException($"the store refused it ({StoreRefusals.Describe(ex)})", ex);
        }
    }

    public ValueTask DisposeAsync() => _ownsStore ? _store.DisposeAsync() : ValueTask.CompletedTask;
}
