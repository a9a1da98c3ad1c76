namespace LlmOps.Management.Alerts;

/// <summary>The state of one alert instance (rule + fingerprint of its label set).</summary>
internal sealed record ActiveAlert(
    long Id,
    long RuleId,
    string RuleName,
    string Fingerprint,
    string State,
    string Severity,
    double Value,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ResolvedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? AckComment,
    bool Muted);
