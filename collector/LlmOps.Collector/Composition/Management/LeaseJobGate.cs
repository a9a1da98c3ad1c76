using LlmOps.Management;
using LlmOps.Management.Jobs;

namespace LlmOps.Collector.Composition.Management;

/// <summary>Periodic jobs run once across replicas: the holder of the job's lease in the shared database runs it.</summary>
internal sealed class LeaseJobGate : IJobGate
{
    private readonly IJobLease _lease;
    private readonly string _holder;

    public LeaseJobGate(IJobLease lease, ManagementStoreOptions options)
    {
        _lease = lease;
        _holder = options.InstanceId;
    }

    public Task<bool> TryRunAsync(string job, TimeSpan ttl, CancellationToken cancellationToken) =>
        _lease.TryAcquireAsync(job, _holder, ttl, cancellationToken);
}
