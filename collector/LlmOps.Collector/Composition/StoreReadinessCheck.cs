using LlmOps.Collector.Hosting;
using LlmOps.Storage;

namespace LlmOps.Collector.Composition;

internal sealed class StoreReadinessCheck : IReadinessCheck
{
    private readonly ITelemetryStore _store;

    public StoreReadinessCheck(ITelemetryStore store) => _store = store;

    public string Name => "store";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => _store.PingAsync(cancellationToken);
}
