namespace LlmOps.Processors.Alerts;

/// <summary>
/// A firing alert as kept outside the engine (the management API's <c>alert_states</c>), handed to
/// <see cref="AlertEngine.Restore"/> when an engine starts evaluating: the rule id, the labels it was sent with
/// (<c>source</c> may be left out), when it started firing (the <c>startsAt</c> receivers know), its last value and its
/// acknowledgement.
/// </summary>
internal sealed record PersistedAlert(
    string RuleId,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset StartsAt,
    double? Value,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null);
