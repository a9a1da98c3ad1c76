using System.Globalization;
using System.Text;
using LlmOps.Management.Api;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Metrics;
using Microsoft.Extensions.Logging;
using EngineRule = LlmOps.Processors.Alerts.AlertRule;

namespace LlmOps.Management.Alerts;

/// <summary>
/// Keeps the collector's <see cref="AlertEngine"/> and the alert tables in step, on the replica that holds the
/// <c>alert-evaluation</c> lease, around each evaluation:
/// <list type="bullet">
/// <item>Before: every enabled API rule (<see cref="AlertRule.ApiSource"/>) with a valid <see cref="AlertExpression"/>
/// is loaded into the engine as a <see cref="AlertRuleKind.Threshold"/> rule with id <c>api-{id}</c> (re-read at every
/// evaluation, so creates, edits, disables and deletes apply without a restart); rules no longer wanted are removed
/// and their firing alerts resolved. Each configured/built-in engine rule has a <see cref="AlertRule.ConfigSource"/>
/// row (created or updated from the configuration). Mutes and acknowledgements made through the API are applied to
/// the engine. Before the engine's first evaluation (at start, or when the lease comes back to this replica), the
/// alerts <c>alert_states</c> lists as firing are restored into it (<see cref="AlertEngine.Restore"/>) with their
/// start time and acknowledgement; those whose rule is gone, disabled or renamed are resolved.</item>
/// <item>After: each rule's state is reported to <c>alert_states</c>/<c>alert_history</c> (fingerprint = engine
/// rule id), so <c>GET /api/v1/alerts</c> lists firing alerts with the ids the acknowledge endpoint takes.</item>
/// </list>
/// Notifications (Alertmanager, webhooks) are the engine's own, for API rules as for configured ones.
/// </summary>
internal sealed partial class AlertEngineBridge
{
    /// <summary>Engine rule id prefix of API rules (<c>api-{row id}</c>); configured rules may not use it.</summary>
    public const string ApiRulePrefix = AlertingOptionsValidator.ReservedIdPrefix;

    private readonly IAlertRepository _repository;
    private readonly IAlertRuleStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertEngineBridge> _logger;

    // Engine rule id → alert_rules row id, for configured and API rules.
    private readonly Dictionary<string, long> _ruleIds = new(StringComparer.Ordinal);

    // Last state reported per engine rule id (true = firing).
    private readonly Dictionary<string, bool> _reported = new(StringComparer.Ordinal);

    // API rule row id → the row's updated_at when it was loaded into the engine.
    private readonly Dictionary<long, DateTimeOffset> _loaded = [];

    // Rows (id, updated_at) already logged as not evaluable, so each version is logged once.
    private readonly HashSet<(long, DateTimeOffset)> _skipped = [];
    private readonly HashSet<string> _nameClashes = new(StringComparer.Ordinal);

    public AlertEngineBridge(IAlertRepository repository, IAlertRuleStore store, TimeProvider time, ILogger<AlertEngineBridge> logger)
    {
        _repository = repository;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>The engine rule id of an API rule row.</summary>
    public static string EngineId(long ruleRowId) => ApiRulePrefix + ruleRowId.ToString(CultureInfo.InvariantCulture);

    public async Task BeforeEvaluationAsync(AlertEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var rows = await _repository.ListRulesAsync(cancellationToken).ConfigureAwait(false);
        await LinkConfiguredRulesAsync(engine, rows, cancellationToken).ConfigureAwait(false);
        var active = await _store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        await SyncApiRulesAsync(engine, rows, active, cancellationToken).ConfigureAwait(false);
        if (engine.AwaitingRestore)
        {
            await RestoreAsync(engine, active, cancellationToken).ConfigureAwait(false);
        }

        var rowsById = rows.ToDictionary(r => r.Id);
        var now = _time.GetUtcNow();
        foreach (var (engineId, rowId) in _ruleIds)
        {
            if (!rowsById.TryGetValue(rowId, out var row) || engine.GetStatus(engineId) is not { } status)
            {
                continue;
            }

            var mutedUntil = row.IsMuted(now) ? row.MutedUntil : null;
            if (mutedUntil is { } until && status.MutedUntil != until)
            {
                engine.Mute(engineId, until, await LastActorAsync(row.Id, "muted", cancellationToken).ConfigureAwait(false));
            }
            else if (mutedUntil is null && status.MutedUntil is { } engineUntil && engineUntil > now)
            {
                engine.Unmute(engineId, await LastActorAsync(row.Id, "unmuted", cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var alert in active.Alerts.Where(a => a.AcknowledgedBy is not null))
        {
            var engineId = alert.Fingerprint;
            if (_ruleIds.TryGetValue(engineId, out var rowId) && rowId == alert.RuleId
                && engine.GetStatus(engineId) is { State: AlertState.Pending or AlertState.Firing, AcknowledgedBy: null })
            {
                engine.Acknowledge(engineId, alert.AcknowledgedBy!);
            }
        }
    }

    public async Task AfterEvaluationAsync(AlertEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var now = _time.GetUtcNow();
        foreach (var rule in engine.Rules)
        {
            if (!_ruleIds.TryGetValue(rule.Id, out var rowId) || engine.GetStatus(rule.Id) is not { } status)
            {
                continue;
            }

            var firing = status.State == AlertState.Firing;

            // Firing alerts are reported at every evaluation (value, last seen); the rest once per change.
            if (!firing && _reported.TryGetValue(rule.Id, out var was) && !was)
            {
                continue;
            }

            try
            {
                await _store.ReportAsync(new AlertObservation(rowId, rule.Id, firing, status.Value ?? 0, NotificationLabels(rule), now, StartedAt: firing ? status.FiredAt : null), cancellationToken).ConfigureAwait(false);
                _reported[rule.Id] = firing;
            }
            catch (ArgumentException)
            {
                // The row was deleted since the rules were read; the next evaluation drops the rule.
            }
        }
    }

    /// <summary>
    /// Gives the engine the alerts that were firing (see <see cref="AlertEngine.Restore"/>); those it resolves (rule
    /// deleted, disabled or renamed meanwhile) are recorded resolved, with the reason.
    /// </summary>
    private async Task RestoreAsync(AlertEngine engine, ActiveAlertSummary active, CancellationToken cancellationToken)
    {
        var alerts = active.Alerts.Select(a => (Row: a, Persisted: new PersistedAlert(a.Fingerprint, a.Labels, a.StartedAt, a.Value, a.AcknowledgedBy, a.AcknowledgedAt))).ToList();
        var ended = engine.Restore([.. alerts.Select(a => a.Persisted)]);

        // States reported in an earlier lease term are stale; every rule reports again.
        _reported.Clear();
        foreach (var (alert, reason) in ended)
        {
            var row = alerts.First(a => ReferenceEquals(a.Persisted, alert)).Row;
            try
            {
                await _store.ReportAsync(new AlertObservation(row.RuleId, row.Fingerprint, false, row.Value, row.Labels, _time.GetUtcNow(), reason), cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                // Deleted meanwhile (its states went with it).
            }
        }
    }

    /// <summary>The engine rule an API rule row becomes, or null (with the reason) when it cannot be evaluated.</summary>
    public static EngineRule? ToEngineRule(AlertRule row, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!AlertExpression.TryParse(row.Expression, out var expression, out var error))
        {
            problem = "expression: " + error;
            return null;
        }

        if (!double.IsFinite(row.Threshold) || row.Threshold < 0)
        {
            problem = "threshold: must be a non-negative number";
            return null;
        }

        problem = null;
        var comparison = row.Operator switch
        {
            "gte" => AlertComparison.Gte,
            "lt" => AlertComparison.Lt,
            "lte" => AlertComparison.Lte,
            "eq" => AlertComparison.Eq,
            _ => AlertComparison.Gt,
        };
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in row.Labels)
        {
            // Keys Alertmanager would refuse, or that the engine sets itself, are left out.
            if (PrometheusText.IsValidLabelName(key) && key is not (MetricNames.LabelAlertName or MetricNames.LabelRuleId or MetricNames.LabelSeverity or "source"))
            {
                labels[key] = value;
            }
        }

        return new EngineRule
        {
            Id = EngineId(row.Id),
            Name = AlertName(row.Name),
            Kind = AlertRuleKind.Threshold,
            Signal = expression!.Signal,
            Comparison = comparison,
            Threshold = row.Threshold,
            For = TimeSpan.FromSeconds(Math.Clamp(row.ForSeconds, 0, 86_400)),
            Window = expression.Window,
            Severity = row.Severity,
            Labels = labels,
            Summary = $"{row.Name}: {expression.Canonical} {AlertExpressions.Operator(comparison)} {AlertExpressions.Number(row.Threshold)}",
        };
    }

    /// <summary>An alert name from a rule name: words in PascalCase, letters and digits only (<c>High error rate</c> → <c>HighErrorRate</c>).</summary>
    public static string AlertName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return sb.Length == 0 || char.IsAsciiDigit(sb[0]) ? "Rule" + sb : sb.ToString();
    }

    private static Dictionary<string, string> NotificationLabels(EngineRule rule) =>
        new(rule.Labels, StringComparer.Ordinal)
        {
            [MetricNames.LabelAlertName] = rule.Name,
            [MetricNames.LabelRuleId] = rule.Id,
            [MetricNames.LabelSeverity] = rule.Severity,
        };

    /// <summary>Loads, updates and removes the engine's API rules to match the enabled, evaluable rows.</summary>
    private async Task SyncApiRulesAsync(AlertEngine engine, IReadOnlyList<AlertRule> rows, ActiveAlertSummary active, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<long>();
        foreach (var row in rows.Where(r => r.Source == AlertRule.ApiSource && r.Enabled))
        {
            var engineId = EngineId(row.Id);
            if (_loaded.TryGetValue(row.Id, out var loadedAt) && loadedAt == row.UpdatedAt && engine.GetRule(engineId) is not null)
            {
                wanted.Add(row.Id);
                continue;
            }

            if (ToEngineRule(row, out var problem) is not { } rule)
            {
                if (_skipped.Add((row.Id, row.UpdatedAt)))
                {
                    LogNotEvaluable(_logger, row.Id, row.Name, problem ?? string.Empty);
                }

                continue;
            }

            try
            {
                engine.UpsertRule(rule, Actor.System);
            }
            catch (ArgumentException ex)
            {
                if (_skipped.Add((row.Id, row.UpdatedAt)))
                {
                    LogNotEvaluable(_logger, row.Id, row.Name, ex.Message);
                }

                continue;
            }

            _loaded[row.Id] = row.UpdatedAt;
            _ruleIds[engineId] = row.Id;
            wanted.Add(row.Id);
        }

        // Disabled, deleted or no longer evaluable: out of the engine.
        foreach (var rule in engine.Rules.Where(r => r.Id.StartsWith(ApiRulePrefix, StringComparison.Ordinal)))
        {
            if (_ruleIds.TryGetValue(rule.Id, out var rowId) && wanted.Contains(rowId))
            {
                continue;
            }

            engine.DeleteRule(rule.Id, Actor.System);
            if (_ruleIds.Remove(rule.Id, out var removedRow))
            {
                _loaded.Remove(removedRow);
            }

            _reported.Remove(rule.Id);
        }

        // Firing alerts of API rules that are no longer evaluated (possibly fired while another replica held the
        // lease) are resolved, so they do not stay in GET /alerts forever.
        var rowsById = rows.ToDictionary(r => r.Id);
        foreach (var alert in active.Alerts)
        {
            if (rowsById.TryGetValue(alert.RuleId, out var row) && row.Source == AlertRule.ApiSource && !wanted.Contains(row.Id))
            {
                var reason = row.Enabled ? "rule cannot be evaluated (see its expression)" : "rule disabled";
                try
                {
                    await _store.ReportAsync(new AlertObservation(row.Id, alert.Fingerprint, false, alert.Value, alert.Labels, _time.GetUtcNow(), reason), cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException)
                {
                    // Deleted meanwhile (its states went with it).
                }
            }
        }
    }

    /// <summary>Links each configured engine rule to its <see cref="AlertRule.ConfigSource"/> row, creating or updating it.</summary>
    private async Task LinkConfiguredRulesAsync(AlertEngine engine, IReadOnlyList<AlertRule> rows, CancellationToken cancellationToken)
    {
        var byName = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var rule in engine.Rules.Where(r => !r.Id.StartsWith(ApiRulePrefix, StringComparison.Ordinal)))
        {
            var request = Describe(rule);
            if (byName.TryGetValue(rule.Name, out var row) && row.Source == AlertRule.ConfigSource && !Differs(row, request))
            {
                _ruleIds[rule.Id] = row.Id;
                continue;
            }

            if (row is not null && row.Source != AlertRule.ConfigSource)
            {
                if (_nameClashes.Add(rule.Name))
                {
                    LogNameClash(_logger, rule.Id, rule.Name, row.Id);
                }

                continue;
            }

            try
            {
                row = await _store.RegisterConfigRuleAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiProblemException ex)
            {
                LogNotRegistered(_logger, rule.Id, ex.Message);
                continue;
            }

            if (row.Source != AlertRule.ConfigSource)
            {
                if (_nameClashes.Add(rule.Name))
                {
                    LogNameClash(_logger, rule.Id, rule.Name, row.Id);
                }

                continue;
            }

            _ruleIds[rule.Id] = row.Id;
        }
    }

    private static bool Differs(AlertRule row, AlertRuleRequest request) =>
        row.Kind != request.Kind || row.Expression != request.Expression || row.Operator != request.Operator
        || row.Threshold != request.Threshold || row.ForSeconds != request.ForSeconds || row.Severity != request.Severity
        || row.Labels.Count != request.Labels!.Count || row.Labels.Any(kv => !request.Labels.TryGetValue(kv.Key, out var v) || v != kv.Value);

    private async Task<string> LastActorAsync(long ruleRowId, string eventName, CancellationToken cancellationToken)
    {
        var last = await _repository.HistoryAsync(ruleRowId, eventName, null, 1, cancellationToken).ConfigureAwait(false);
        return last.Count > 0 && !string.IsNullOrWhiteSpace(last[0].Actor) ? last[0].Actor : Actor.System;
    }

    /// <summary>The row describing a configured rule: its PromQL as the expression, the engine's labels.</summary>
    private static AlertRuleRequest Describe(EngineRule rule) => new()
    {
        Name = rule.Name,
        Kind = rule.MeasuredSignal switch
        {
            AlertSignal.ContextRelevance or AlertSignal.HallucinationRate => "evaluation_score",
            AlertSignal.CostUsd => "cost",
            AlertSignal.LatencyP95 => "latency",
            _ => "error_rate",
        },
        Expression = rule.Kind == AlertRuleKind.SloBurnRate ? AlertExpressions.BurnRate(rule, rule.LongWindow) : AlertExpressions.Value(rule),
        Operator = rule.Kind switch
        {
            AlertRuleKind.ContextRelevanceBelow => "lt",
            AlertRuleKind.Threshold => rule.Comparison.ToString().ToLowerInvariant(),
            _ => "gt",
        },
        Threshold = rule.Threshold,
        ForSeconds = (long)Math.Clamp(rule.For.TotalSeconds, 0, 86_400),
        Severity = rule.Severity is "critical" or "warning" or "info" ? rule.Severity : "warning",
        Labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal)
        {
            [MetricNames.LabelRuleId] = rule.Id,
            ["source"] = "llmops",
        },
        Enabled = true,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {RuleId} ('{Name}') is enabled but not evaluated: {Problem}. Fix it through PUT /api/v1/alerts/rules/<id>")]
    private static partial void LogNotEvaluable(ILogger logger, long ruleId, string name, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {Rule} could not be registered with the management API: {Error}")]
    private static partial void LogNotRegistered(ILogger logger, string rule, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configured alert rule {Rule} is not shown in the management API: an API rule (id {RowId}) is already named '{Name}'")]
    private static partial void LogNameClash(ILogger logger, string rule, string name, long rowId);
}
