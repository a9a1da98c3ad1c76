namespace LlmOps.Management.Jobs;

/// <summary>
/// Runs periodic work once across replicas (drift windows, alert evaluation). A holder owns a job until its lease
/// expires; it renews by acquiring again before then. Backed by the <c>job_leases</c> table:
/// <c>UPDATE ... WHERE expires_at &lt; now OR holder = me</c>, atomic on both databases.
/// </summary>
internal interface IJobLease
{
    /// <summary>True when <paramref name="holder"/> now holds <paramref name="jobName"/> for <paramref name="ttl"/>.</summary>
    Task<bool> TryAcquireAsync(string jobName, string holder, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Gives the job up early (only if <paramref name="holder"/> holds it).</summary>
    Task ReleaseAsync(string jobName, string holder, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobLeaseInfo>> ListAsync(CancellationToken cancellationToken);
}
