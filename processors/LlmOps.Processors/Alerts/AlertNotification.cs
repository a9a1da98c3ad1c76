namespace LlmOps.Processors.Alerts;

/// <summary>One alert as sent to receivers (Alertmanager's shape: labels, annotations, start, end).</summary>
internal sealed record AlertNotification(
    string RuleId,
    bool Resolved,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string GeneratorUrl);
