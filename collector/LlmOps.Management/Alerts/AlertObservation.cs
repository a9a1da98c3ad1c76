namespace LlmOps.Management.Alerts;

/// <summary>
/// What the alert engine saw for one rule and label set at one evaluation; <see cref="Reason"/> replaces the history
/// message of a resolution (e.g. "rule disabled"); <see cref="StartedAt"/> is when a firing alert started (the engine's
/// <c>startsAt</c>; <see cref="At"/> when not given).
/// </summary>
internal sealed record AlertObservation(
    long RuleId,
    string Fingerprint,
    bool Firing,
    double Value,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset At,
    string? Reason = null,
    DateTimeOffset? StartedAt = null);
