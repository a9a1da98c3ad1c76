namespace LlmOps.Management.Alerts;

/// <summary>An alert event: <c>fired</c>, <c>resolved</c>, <c>acknowledged</c>, <c>muted</c>, <c>unmuted</c>.</summary>
internal sealed record AlertHistoryEntry(
    long Id,
    DateTimeOffset Timestamp,
    long RuleId,
    string RuleName,
    string? Fingerprint,
    string Event,
    string Severity,
    double? Value,
    string Actor,
    string Message);
