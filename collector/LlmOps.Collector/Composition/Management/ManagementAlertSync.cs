using LlmOps.Management.Alerts;
using LlmOps.Management.Api;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Metrics;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Composition.Management;

/// <summary>
/// Makes the management API's alert endpoints act on the running alert engine, through the database (so an
/// acknowledgement or mute sent to any replica reaches the replica that evaluates): each engine rule has a rule row
/// of the same name (created when missing); firing alerts are reported as alert states (fingerprint = engine rule
/// id), so <c>GET /api/v1/alerts</c> lists them with the ids <c>POST /alerts/{id}/acknowledge</c> takes; before each
/// evaluation, acknowledgements of those states and the rules' <c>muted_until</c> are applied to the engine, which
/// then stops re-sending the alert.
/// </summary>
internal sealed class ManagementAlertSync : IAlertEngineSync
{
    private readonly IAlertRepository _repository;
    private readonly IAlertRuleStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ManagementAlertSync> _logger;
    private readonly Dictionary<string, long> _ruleIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _reported = new(StringComparer.Ordinal);

    public ManagementAlertSync(IAlertRepository repository, IAlertRuleStore store, TimeProvider time, ILogger<ManagementAlertSync> logger)
    {
        _repository = repository;
        _store = store;
        _time = time;
        _logger = logger;
    }

    public async Task BeforeEvaluationAsync(AlertEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var rows = await EnsureRulesAsync(engine, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        foreach (var rule in engine.Rules)
        {
            if (!rows.TryGetValue(rule.Name, out var row) || engine.GetStatus(rule.Id) is not { } status)
            {
                continue;
            }

            var mutedUntil = row.IsMuted(now) ? row.MutedUntil : null;
            if (mutedUntil is { } until && status.MutedUntil != until)
            {
                engine.Mute(rule.Id, until, await LastActorAsync(row.Id, "muted", cancellationToken).ConfigureAwait(false));
            }
            else if (mutedUntil is null && status.MutedUntil is { } engineUntil && engineUntil > now)
            {
                engine.Unmute(rule.Id, await LastActorAsync(row.Id, "unmuted", cancellationToken).ConfigureAwait(false));
            }
        }

        var active = await _store.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        foreach (var alert in active.Alerts.Where(a => a.AcknowledgedBy is not null))
        {
            var ruleId = alert.Fingerprint;
            if (_ruleIds.TryGetValue(ruleId, out var rowId) && rowId == alert.RuleId
                && engine.GetStatus(ruleId) is { State: AlertState.Pending or AlertState.Firing, AcknowledgedBy: null })
            {
                engine.Acknowledge(ruleId, alert.AcknowledgedBy!);
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

            var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal)
            {
                [MetricNames.LabelAlertName] = rule.Name,
                [MetricNames.LabelRuleId] = rule.Id,
                [MetricNames.LabelSeverity] = rule.Severity,
            };
            await _store.ReportAsync(new AlertObservation(rowId, rule.Id, firing, status.Value ?? 0, labels, now), cancellationToken).ConfigureAwait(false);
            _reported[rule.Id] = firing;
        }
    }

    /// <summary>The rule rows by name, creating one for each engine rule that has none.</summary>
    private async Task<Dictionary<string, LlmOps.Management.Alerts.AlertRule>> EnsureRulesAsync(AlertEngine engine, CancellationToken cancellationToken)
    {
        var rows = (await _repository.ListRulesAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var rule in engine.Rules)
        {
            if (!rows.ContainsKey(rule.Name))
            {
                try
                {
                    var created = await _repository.CreateRuleAsync(Describe(rule), Actor.System, cancellationToken).ConfigureAwait(false);
                    rows[created.Name] = created;
                }
                catch (ApiProblemException ex)
                {
                    _logger.LogWarning("Alert rule {Rule} could not be registered with the management API: {Error}", rule.Id, ex.Message);
                    continue;
                }
            }

            _ruleIds[rule.Id] = rows[rule.Name].Id;
        }

        return rows;
    }

    private async Task<string> LastActorAsync(long ruleRowId, string eventName, CancellationToken cancellationToken)
    {
        var last = await _repository.HistoryAsync(ruleRowId, eventName, null, 1, cancellationToken).ConfigureAwait(false);
        return last.Count > 0 && !string.IsNullOrWhiteSpace(last[0].Actor) ? last[0].Actor : Actor.System;
    }

    private static AlertRuleRequest Describe(Processors.Alerts.AlertRule rule) => new()
    {
        Name = rule.Name,
        Kind = rule.Kind switch
        {
            AlertRuleKind.ContextRelevanceBelow or AlertRuleKind.HallucinationRateAbove => "evaluation_score",
            AlertRuleKind.DailyCostAbove => "cost",
            AlertRuleKind.P95LatencyAbove => "latency",
            _ => "error_rate",
        },
        Expression = rule.Kind == AlertRuleKind.SloBurnRate ? AlertExpressions.BurnRate(rule, rule.LongWindow) : AlertExpressions.Value(rule),
        Operator = rule.Kind == AlertRuleKind.ContextRelevanceBelow ? "lt" : "gt",
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
}
