namespace LlmOps.Management.Jobs;

internal sealed record JobLeaseInfo(string JobName, string Holder, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, bool Active);
