namespace LlmOps.Collector.Composition;

/// <summary>The gate when no shared database coordinates replicas: this process runs every job.</summary>
internal sealed class SingleReplicaJobGate : IJobGate
{
    public Task<bool> TryRunAsync(string job, TimeSpan ttl, CancellationToken cancellationToken) => Task.FromResult(true);
}
