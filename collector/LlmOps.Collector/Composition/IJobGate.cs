namespace LlmOps.Collector.Composition;

/// <summary>Decides whether this replica runs a periodic job now (a lease in the shared database, or always when alone).</summary>
internal interface IJobGate
{
    Task<bool> TryRunAsync(string job, TimeSpan ttl, CancellationToken cancellationToken);
}
