namespace LlmOps.Management.Alerts;

/// <summary>
/// The outcome of reporting an observation. Exactly one reporter gets <see cref="AlertTransitionKind.Fired"/> or
/// <see cref="AlertTransitionKind.Resolved"/> for a state change, even with several replicas reporting the same
/// alert: notify (Alertmanager, webhook) only on those, and not when <see cref="Muted"/>.
/// </summary>
internal sealed record AlertTransition(AlertTransitionKind Kind, long StateId, bool Muted);
