namespace LlmOps.Processors.Alerts;

/// <summary>A rule's alert as the management API shows it.</summary>
internal sealed record AlertSnapshot(
    string RuleId,
    string Name,
    string Severity,
    AlertState State,
    double? Value,
    DateTimeOffset? ActiveSince,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? MutedUntil,
    string? RootCause);
