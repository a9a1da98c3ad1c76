namespace LlmOps.Management.Alerts;

/// <summary>
/// The alert engine's view of the alert tables. The engine (one replica at a time, holding the
/// <c>alert-evaluation</c> job lease) reads the enabled rules, evaluates them (see <see cref="AlertEngineBridge"/>), and reports every rule/label-set it
/// evaluated through <see cref="ReportAsync"/>; the store keeps one state row per (rule, fingerprint), appends
/// history on transitions, and tells the caller whether a transition happened (see <see cref="AlertTransition"/>).
/// Muting only suppresses notifications; states and history are still kept.
/// </summary>
internal interface IAlertRuleStore
{
    /// <summary>Enabled rules (muted ones included: check <see cref="AlertRule.IsMuted"/>).</summary>
    Task<IReadOnlyList<AlertRule>> GetEnabledRulesAsync(CancellationToken cancellationToken);

    /// <summary>Records one observation atomically; duplicate reports of the same state are no-ops.</summary>
    Task<AlertTransition> ReportAsync(AlertObservation observation, CancellationToken cancellationToken);

    /// <summary>
    /// The row of a rule from the collector's configuration (<see cref="AlertRule.ConfigSource"/>): created when
    /// missing, updated when the configuration changed, otherwise returned as is. If an API rule already has the name,
    /// that row is returned unchanged (check <see cref="AlertRule.Source"/>).
    /// </summary>
    Task<AlertRule> RegisterConfigRuleAsync(AlertRuleRequest request, CancellationToken cancellationToken);

    /// <summary>Alerts currently firing.</summary>
    Task<ActiveAlertSummary> GetActiveAsync(CancellationToken cancellationToken);
}
