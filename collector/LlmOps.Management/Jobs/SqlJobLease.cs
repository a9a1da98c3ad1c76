using LlmOps.Management.Data;

namespace LlmOps.Management.Jobs;

internal sealed class SqlJobLease : IJobLease
{
    private readonly ManagementDatabase _db;
    private readonly TimeProvider _time;

    public SqlJobLease(ManagementDatabase db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    public async Task<bool> TryAcquireAsync(string jobName, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var rows = await _db.WriteAsync(
            s => s.ExecuteAsync(
                """
                INSERT INTO job_leases (job_name, holder, acquired_at, expires_at) VALUES (@j, @h, @now, @exp)
                ON CONFLICT (job_name) DO UPDATE SET
                  holder = excluded.holder,
                  acquired_at = CASE WHEN job_leases.holder = excluded.holder THEN job_leases.acquired_at ELSE excluded.acquired_at END,
                  expires_at = excluded.expires_at
                WHERE job_leases.expires_at < @now OR job_leases.holder = @h
                """,
                cancellationToken,
                ("j", jobName),
                ("h", holder),
                ("now", now),
                ("exp", now + ttl)),
            cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    public Task ReleaseAsync(string jobName, string holder, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            s => s.ExecuteAsync(
                "UPDATE job_leases SET expires_at = @now WHERE job_name = @j AND holder = @h",
                cancellationToken,
                ("now", _time.GetUtcNow().AddMilliseconds(-1)),
                ("j", jobName),
                ("h", holder)),
            cancellationToken);

    public Task<IReadOnlyList<JobLeaseInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _db.ReadAsync<IReadOnlyList<JobLeaseInfo>>(
            async s => await s.QueryAsync(
                "SELECT job_name, holder, acquired_at, expires_at FROM job_leases ORDER BY job_name",
                r => new JobLeaseInfo(r.Str(0), r.Str(1), r.Time(2), r.Time(3), r.Time(3) > now),
                cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }
}
