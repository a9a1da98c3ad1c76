using System.Data.Common;
using System.Text;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Processors.Metrics;

namespace LlmOps.Management.Alerts;

internal sealed class SqlAlertRepository : IAlertRepository, IAlertRuleStore
{
    private const string RuleColumns = "id, name, kind, expression, operator, threshold, for_seconds, severity, labels, enabled, muted_until, created_at, updated_at, source";
    private const string StateColumns = "s.id, s.rule_id, r.name, s.fingerprint, s.state, s.severity, s.value, s.labels, s.started_at, s.last_seen_at, s.resolved_at, s.acknowledged_by, s.acknowledged_at, s.ack_comment, r.muted_until";
    private static readonly string[] Kinds = ["threshold", "error_rate", "latency", "cost", "evaluation_score", "drift", "custom"];

    /// <summary>The events of the alert history (the <c>event</c> filter).</summary>
    private static readonly string[] HistoryEvents = ["fired", "resolved", "acknowledged", "muted", "unmuted"];

    /// <summary>Kinds that fit any signal of an API rule's expression.</summary>
    private static readonly string[] GenericKinds = ["threshold", "custom"];
    private static readonly string[] Operators = ["gt", "gte", "lt", "lte", "eq"];
    private static readonly string[] Severities = Processors.Alerts.AlertRuleValidator.Severities;

    /// <summary>Labels the engine sets on every notification itself.</summary>
    private static readonly string[] ReservedLabels = [MetricNames.LabelAlertName, MetricNames.LabelRuleId, MetricNames.LabelSeverity, "source"];

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    public SqlAlertRepository(ManagementDatabase db, IAuditLog audit, TimeProvider time)
    {
        _db = db;
        _audit = audit;
        _time = time;
    }

    public Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<AlertRule>>(
            async s => await s.QueryAsync("SELECT " + RuleColumns + " FROM alert_rules ORDER BY name", MapRule, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public Task<IReadOnlyList<AlertRule>> GetEnabledRulesAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<AlertRule>>(
            async s => await s.QueryAsync("SELECT " + RuleColumns + " FROM alert_rules WHERE enabled = 1 ORDER BY id", MapRule, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public Task<AlertRule> GetRuleAsync(long id, CancellationToken cancellationToken) =>
        _db.ReadAsync(s => RequireRuleAsync(s, id, false, cancellationToken), cancellationToken);

    public Task<AlertRule> CreateRuleAsync(AlertRuleRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = Validate(request, null, AlertRule.ApiSource);
        return _db.WriteAsync(
            async s =>
            {
                await EnsureUniqueAsync(s, v.Name, null, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var id = await s.ScalarLongAsync(
                    "INSERT INTO alert_rules (name, kind, expression, operator, threshold, for_seconds, severity, labels, enabled, created_at, updated_at, source) VALUES (@n, @k, @e, @o, @t, @f, @s, @l, @en, @now, @now, 'api') RETURNING id",
                    cancellationToken,
                    ("n", v.Name),
                    ("k", v.Kind),
                    ("e", v.Expression),
                    ("o", v.Operator),
                    ("t", v.Threshold),
                    ("f", v.ForSeconds),
                    ("s", v.Severity),
                    ("l", JsonText.Serialize(v.Labels)),
                    ("en", v.Enabled),
                    ("now", now)).ConfigureAwait(false) ?? 0;
                await _audit.AppendAsync(s, AuditTypes.AlertRule, "create", actor, new { id, v.Name, v.Kind, v.Expression, v.Operator, v.Threshold, v.Severity }, cancellationToken).ConfigureAwait(false);
                return await RequireRuleAsync(s, id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<AlertRule> RegisterConfigRuleAsync(AlertRuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = Validate(request, null, AlertRule.ConfigSource);
        var labels = JsonText.Serialize(v.Labels);
        return _db.WriteAsync(
            async s =>
            {
                var now = _time.GetUtcNow();
                var inserted = await s.ExecuteAsync(
                    "INSERT INTO alert_rules (name, kind, expression, operator, threshold, for_seconds, severity, labels, enabled, created_at, updated_at, source) VALUES (@n, @k, @e, @o, @t, @f, @s, @l, 1, @now, @now, @src) ON CONFLICT (name) DO NOTHING",
                    cancellationToken,
                    ("n", v.Name),
                    ("k", v.Kind),
                    ("e", v.Expression),
                    ("o", v.Operator),
                    ("t", v.Threshold),
                    ("f", v.ForSeconds),
                    ("s", v.Severity),
                    ("l", labels),
                    ("now", now),
                    ("src", AlertRule.ConfigSource)).ConfigureAwait(false);
                var row = await s.QuerySingleAsync("SELECT " + RuleColumns + " FROM alert_rules WHERE name = @n" + s.ForUpdate, MapRule, cancellationToken, ("n", v.Name)).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"alert rule '{v.Name}' vanished while it was registered");
                if (inserted == 1)
                {
                    await _audit.AppendAsync(s, AuditTypes.AlertRule, "register", Actor.System, new { row.Id, v.Name, v.Kind, v.Expression, v.Operator, v.Threshold, v.Severity, source = AlertRule.ConfigSource }, cancellationToken).ConfigureAwait(false);
                    return row;
                }

                var changed = row.Source == AlertRule.ConfigSource
                    && (row.Kind != v.Kind || row.Expression != v.Expression || row.Operator != v.Operator || !row.Threshold.Equals(v.Threshold)
                        || row.ForSeconds != v.ForSeconds || row.Severity != v.Severity || JsonText.Serialize(row.Labels) != labels);
                if (!changed)
                {
                    return row;
                }

                // The configuration changed (e.g. a threshold in the YAML): the row follows it.
                await s.ExecuteAsync(
                    "UPDATE alert_rules SET kind = @k, expression = @e, operator = @o, threshold = @t, for_seconds = @f, severity = @s, labels = @l, updated_at = @now WHERE id = @id",
                    cancellationToken,
                    ("k", v.Kind),
                    ("e", v.Expression),
                    ("o", v.Operator),
                    ("t", v.Threshold),
                    ("f", v.ForSeconds),
                    ("s", v.Severity),
                    ("l", labels),
                    ("now", now),
                    ("id", row.Id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AlertRule, "update", Actor.System, new { row.Id, v.Name, v.Kind, v.Expression, v.Operator, v.Threshold, v.Severity, source = AlertRule.ConfigSource }, cancellationToken).ConfigureAwait(false);
                return await RequireRuleAsync(s, row.Id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<AlertRule> UpdateRuleAsync(long id, AlertRuleRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _db.WriteAsync(
            async s =>
            {
                var current = await RequireRuleAsync(s, id, true, cancellationToken).ConfigureAwait(false);
                RequireApiRule(current, "changed");
                var v = Validate(request, current, AlertRule.ApiSource);
                await EnsureUniqueAsync(s, v.Name, id, cancellationToken).ConfigureAwait(false);
                await s.ExecuteAsync(
                    "UPDATE alert_rules SET name = @n, kind = @k, expression = @e, operator = @o, threshold = @t, for_seconds = @f, severity = @s, labels = @l, enabled = @en, updated_at = @now WHERE id = @id",
                    cancellationToken,
                    ("n", v.Name),
                    ("k", v.Kind),
                    ("e", v.Expression),
                    ("o", v.Operator),
                    ("t", v.Threshold),
                    ("f", v.ForSeconds),
                    ("s", v.Severity),
                    ("l", JsonText.Serialize(v.Labels)),
                    ("en", v.Enabled),
                    ("now", _time.GetUtcNow()),
                    ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AlertRule, "update", actor, new { id, v.Name, v.Kind, v.Expression, v.Operator, v.Threshold, v.Severity, v.Enabled }, cancellationToken).ConfigureAwait(false);
                return await RequireRuleAsync(s, id, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task DeleteRuleAsync(long id, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                var current = await RequireRuleAsync(s, id, true, cancellationToken).ConfigureAwait(false);
                RequireApiRule(current, "deleted");
                await s.ExecuteAsync("DELETE FROM alert_rules WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AlertRule, "delete", actor, new { id, current.Name }, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<AlertRule> MuteAsync(long ruleId, TimeSpan? duration, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                var rule = await RequireRuleAsync(s, ruleId, true, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                if (duration is null && !rule.IsMuted(now))
                {
                    // As for a queue already in the state asked for: nothing to record.
                    throw ApiProblemException.Conflict($"alert rule {ruleId} ('{rule.Name}') is not muted; nothing to unmute");
                }

                DateTimeOffset? until = duration is { } d ? now + d : null;
                await s.ExecuteAsync("UPDATE alert_rules SET muted_until = @u, updated_at = @now WHERE id = @id", cancellationToken, ("u", until), ("now", now), ("id", ruleId)).ConfigureAwait(false);
                var ev = until is null ? "unmuted" : "muted";
                await AddHistoryAsync(s, rule.Id, rule.Name, null, ev, rule.Severity, null, actor, until is null ? "notifications resumed" : $"muted until {until:O}", cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.AlertRule, until is null ? "unmute" : "mute", actor, new { id = ruleId, rule.Name, mutedUntil = until }, cancellationToken).ConfigureAwait(false);
                return await RequireRuleAsync(s, ruleId, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<ActiveAlert> AcknowledgeAsync(long alertId, string? comment, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                var alert = await RequireStateAsync(s, alertId, true, cancellationToken).ConfigureAwait(false);
                if (alert.State != "firing")
                {
                    throw ApiProblemException.Conflict($"alert {alertId} is not firing (state {alert.State}); nothing to acknowledge");
                }

                if (alert.AcknowledgedBy is not null)
                {
                    throw ApiProblemException.Conflict($"alert {alertId} was already acknowledged by {alert.AcknowledgedBy}");
                }

                var now = _time.GetUtcNow();
                await s.ExecuteAsync(
                    "UPDATE alert_states SET acknowledged_by = @a, acknowledged_at = @now, ack_comment = @c WHERE id = @id",
                    cancellationToken,
                    ("a", actor),
                    ("now", now),
                    ("c", comment),
                    ("id", alertId)).ConfigureAwait(false);
                await AddHistoryAsync(s, alert.RuleId, alert.RuleName, alert.Fingerprint, "acknowledged", alert.Severity, alert.Value, actor, comment ?? string.Empty, cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Alert, "acknowledge", actor, new { id = alertId, alert.RuleName, alert.Fingerprint, comment }, cancellationToken).ConfigureAwait(false);
                return await RequireStateAsync(s, alertId, false, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<IReadOnlyList<AlertHistoryEntry>> HistoryAsync(long? ruleId, string? eventName, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        var where = new StringBuilder();
        var args = new List<(string, object?)>();
        void Add(string clause, string name, object? value)
        {
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(clause);
            args.Add((name, value));
        }

        if (ruleId is { } r)
        {
            Add("rule_id = @r", "r", r);
        }

        if (eventName is not null)
        {
            if (!HistoryEvents.Contains(eventName, StringComparer.Ordinal))
            {
                throw ApiProblemException.BadRequest($"event must be one of {string.Join(", ", HistoryEvents)} (got '{RequestReader.Truncate(eventName)}')");
            }

            Add("event = @e", "e", eventName);
        }

        if (beforeId is { } b)
        {
            Add("id < @b", "b", b);
        }

        args.Add(("limit", (long)limit));
        return _db.ReadAsync<IReadOnlyList<AlertHistoryEntry>>(
            async s => await s.QueryAsync(
                "SELECT id, ts, rule_id, rule_name, fingerprint, event, severity, value, actor, message FROM alert_history" + where + " ORDER BY id DESC LIMIT @limit",
                x => new AlertHistoryEntry(x.Long(0), x.Time(1), x.Long(2), x.Str(3), x.StrOrNull(4), x.Str(5), x.Str(6), x.DblOrNull(7), x.Str(8), x.Str(9)),
                cancellationToken,
                args.ToArray()).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<AlertTransition> ReportAsync(AlertObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentException.ThrowIfNullOrEmpty(observation.Fingerprint);
        return _db.WriteAsync(
            async s =>
            {
                var rule = await s.QuerySingleAsync("SELECT " + RuleColumns + " FROM alert_rules WHERE id = @id", MapRule, cancellationToken, ("id", observation.RuleId)).ConfigureAwait(false)
                    ?? throw new ArgumentException($"no alert rule with id {observation.RuleId}", nameof(observation));
                var muted = rule.IsMuted(observation.At);
                var labels = JsonText.Serialize(observation.Labels);
                var startedAt = observation.StartedAt ?? observation.At;
                if (observation.Firing)
                {
                    var inserted = await s.ExecuteAsync(
                        "INSERT INTO alert_states (rule_id, fingerprint, state, severity, value, labels, started_at, last_seen_at) VALUES (@r, @f, 'firing', @sev, @v, @l, @s, @t) ON CONFLICT (rule_id, fingerprint) DO NOTHING",
                        cancellationToken,
                        ("r", rule.Id),
                        ("f", observation.Fingerprint),
                        ("sev", rule.Severity),
                        ("v", observation.Value),
                        ("l", labels),
                        ("s", startedAt),
                        ("t", observation.At)).ConfigureAwait(false);
                    var id = await s.ScalarLongAsync("SELECT id FROM alert_states WHERE rule_id = @r AND fingerprint = @f" + s.ForUpdate, cancellationToken, ("r", rule.Id), ("f", observation.Fingerprint)).ConfigureAwait(false) ?? 0;
                    if (inserted == 1)
                    {
                        await AddHistoryAsync(s, rule.Id, rule.Name, observation.Fingerprint, "fired", rule.Severity, observation.Value, Actor.System, Describe(rule, observation.Value), cancellationToken).ConfigureAwait(false);
                        return new AlertTransition(AlertTransitionKind.Fired, id, muted);
                    }

                    var refired = await s.ExecuteAsync(
                        "UPDATE alert_states SET state = 'firing', severity = @sev, value = @v, labels = @l, started_at = @s, last_seen_at = @t, resolved_at = NULL, acknowledged_by = NULL, acknowledged_at = NULL, ack_comment = NULL WHERE id = @id AND state <> 'firing'",
                        cancellationToken,
                        ("sev", rule.Severity),
                        ("v", observation.Value),
                        ("l", labels),
                        ("s", startedAt),
                        ("t", observation.At),
                        ("id", id)).ConfigureAwait(false);
                    if (refired == 1)
                    {
                        await AddHistoryAsync(s, rule.Id, rule.Name, observation.Fingerprint, "fired", rule.Severity, observation.Value, Actor.System, Describe(rule, observation.Value), cancellationToken).ConfigureAwait(false);
                        return new AlertTransition(AlertTransitionKind.Fired, id, muted);
                    }

                    // Labels and severity follow an edited rule (what a restart compares the engine's rules with).
                    await s.ExecuteAsync("UPDATE alert_states SET value = @v, severity = @sev, labels = @l, last_seen_at = @t WHERE id = @id", cancellationToken, ("v", observation.Value), ("sev", rule.Severity), ("l", labels), ("t", observation.At), ("id", id)).ConfigureAwait(false);
                    return new AlertTransition(AlertTransitionKind.None, id, muted);
                }

                var stateId = await s.ScalarLongAsync("SELECT id FROM alert_states WHERE rule_id = @r AND fingerprint = @f" + s.ForUpdate, cancellationToken, ("r", rule.Id), ("f", observation.Fingerprint)).ConfigureAwait(false);
                if (stateId is null)
                {
                    return new AlertTransition(AlertTransitionKind.None, 0, muted);
                }

                var resolved = await s.ExecuteAsync(
                    "UPDATE alert_states SET state = 'resolved', value = @v, resolved_at = @t, last_seen_at = @t WHERE id = @id AND state = 'firing'",
                    cancellationToken,
                    ("v", observation.Value),
                    ("t", observation.At),
                    ("id", stateId.Value)).ConfigureAwait(false);
                if (resolved == 1)
                {
                    await AddHistoryAsync(s, rule.Id, rule.Name, observation.Fingerprint, "resolved", rule.Severity, observation.Value, Actor.System, observation.Reason ?? "back within threshold", cancellationToken).ConfigureAwait(false);
                    return new AlertTransition(AlertTransitionKind.Resolved, stateId.Value, muted);
                }

                return new AlertTransition(AlertTransitionKind.None, stateId.Value, muted);
            },
            cancellationToken);
    }

    public Task<ActiveAlertSummary> GetActiveAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _db.ReadAsync(
            async s =>
            {
                var alerts = await s.QueryAsync(
                    "SELECT " + StateColumns + " FROM alert_states s JOIN alert_rules r ON r.id = s.rule_id WHERE s.state = 'firing' ORDER BY s.started_at DESC, s.id DESC",
                    x => MapState(x, now),
                    cancellationToken).ConfigureAwait(false);
                return new ActiveAlertSummary(alerts.Count, alerts.Count(a => a.Severity == "critical"), alerts.Count(a => a.Severity == "warning"), alerts);
            },
            cancellationToken);
    }

    private static string Describe(AlertRule rule, double value) =>
        FormattableString.Invariant($"{rule.Expression} = {value:G6} ({rule.Operator} {rule.Threshold:G6})");

    private async Task AddHistoryAsync(DbSession s, long ruleId, string ruleName, string? fingerprint, string ev, string severity, double? value, string actor, string message, CancellationToken ct) =>
        await s.ExecuteAsync(
            "INSERT INTO alert_history (ts, rule_id, rule_name, fingerprint, event, severity, value, actor, message) VALUES (@ts, @r, @rn, @f, @e, @s, @v, @a, @m)",
            ct,
            ("ts", _time.GetUtcNow()),
            ("r", ruleId),
            ("rn", ruleName),
            ("f", fingerprint),
            ("e", ev),
            ("s", severity),
            ("v", value),
            ("a", actor),
            ("m", message)).ConfigureAwait(false);

    /// <summary>
    /// Checks a create/update (merged onto <paramref name="current"/>) and collects every problem. API rules must have an
    /// expression the alert engine evaluates (<see cref="AlertExpression"/>, stored canonical) and labels Alertmanager
    /// accepts; the configured rules' rows keep their PromQL expression and the engine's own labels.
    /// </summary>
    private static (string Name, string Kind, string Expression, string Operator, double Threshold, long ForSeconds, string Severity, Dictionary<string, string> Labels, bool Enabled) Validate(
        AlertRuleRequest r, AlertRule? current, string source)
    {
        var check = new Check();
        var api = source == AlertRule.ApiSource;
        var name = check.Name(r.Name ?? current?.Name, "name", 100);
        var expression = check.Required(r.Expression ?? current?.Expression, "expression", 1000);
        AlertExpression? parsed = null;
        if (api && expression.Length > 0)
        {
            if (AlertExpression.TryParse(expression, out parsed, out var problem))
            {
                expression = parsed!.Canonical;
            }
            else if (r.Expression is not null || current is null || r.Enabled == true)
            {
                // A stored expression from before the engine evaluated API rules may stay while the rule is
                // otherwise edited or disabled; it must be fixed to (re-)enable the rule.
                check.Fail("expression", problem);
            }
        }

        var kind = ResolveKind(check, r, current, api, parsed);
        var op = check.OneOf(r.Operator ?? current?.Operator, "operator", Operators, "gt");
        var threshold = r.Threshold ?? current?.Threshold;
        if (threshold is null || !double.IsFinite(threshold.Value))
        {
            check.Fail("threshold", "is required and must be a finite number");
        }
        else if (api && threshold.Value < 0)
        {
            check.Fail("threshold", "must not be negative (every signal is zero or more)");
        }
        else if (parsed is { IsRatio: true } && threshold.Value > 1)
        {
            check.Fail("threshold", $"{parsed.Name} is a ratio between 0 and 1; {threshold.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} can never be crossed");
        }

        var forSeconds = check.Range(r.ForSeconds ?? current?.ForSeconds, "forSeconds", 0, 86_400, 0);
        var severity = check.OneOf(r.Severity ?? current?.Severity, "severity", Severities, "warning");
        var labels = r.Labels ?? current?.Labels.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) ?? [];
        if (labels.Count > 20 || labels.Any(kv => string.IsNullOrWhiteSpace(kv.Key) || kv.Key.Length > 100 || kv.Value is null || kv.Value.Length > 500))
        {
            check.Fail("labels", "at most 20 labels with non-empty keys (<= 100 chars) and values (<= 500 chars)");
        }
        else if (api && (r.Labels is not null || current is null))
        {
            foreach (var key in labels.Keys.Where(k => !PrometheusText.IsValidLabelName(k) || ReservedLabels.Contains(k, StringComparer.Ordinal)))
            {
                check.Fail("labels", $"'{key}' is not a usable Alertmanager label name ([a-zA-Z_][a-zA-Z0-9_]*, not {string.Join(", ", ReservedLabels)})");
            }
        }

        check.ThrowIfInvalid();
        return (name, kind, expression, op, threshold!.Value, forSeconds, severity, labels, r.Enabled ?? current?.Enabled ?? true);
    }

    /// <summary>
    /// The kind of an API rule follows its expression's signal (<see cref="AlertExpression.DefaultKind"/>), also when an
    /// update changes the expression; a kind sent with the request must be one of <see cref="Kinds"/> and fit the signal
    /// (its own kind, or the generic <c>threshold</c> / <c>custom</c>). An expression that does not parse is reported on
    /// its own: the kind is then only checked when it was sent. Configured rules keep the kind they are given.
    /// </summary>
    private static string ResolveKind(Check check, AlertRuleRequest r, AlertRule? current, bool api, AlertExpression? parsed)
    {
        if (!api)
        {
            return check.OneOf(r.Kind ?? current?.Kind, "kind", Kinds);
        }

        if (r.Kind is null)
        {
            // Unchanged expression: the stored kind stays (it may be a generic one); a new expression brings its own.
            return parsed is null
                ? current?.Kind ?? string.Empty
                : r.Expression is null && current is not null && FitsSignal(current.Kind, parsed) ? current.Kind : parsed.DefaultKind;
        }

        var kind = check.OneOf(r.Kind, "kind", Kinds);
        if (parsed is not null && Kinds.Contains(kind, StringComparer.Ordinal) && !FitsSignal(kind, parsed))
        {
            check.Fail("kind", $"'{kind}' does not fit the expression {parsed.Canonical} (a {parsed.Name} rule is kind {parsed.DefaultKind}, or the generic {string.Join(" or ", GenericKinds)}); leave kind out to take it from the expression");
        }

        return kind;
    }

    private static bool FitsSignal(string kind, AlertExpression parsed) =>
        kind == parsed.DefaultKind || GenericKinds.Contains(kind, StringComparer.Ordinal);

    private static void RequireApiRule(AlertRule rule, string verb)
    {
        if (rule.Source != AlertRule.ApiSource)
        {
            throw ApiProblemException.Conflict(
                $"alert rule {rule.Id} ('{rule.Name}') comes from the collector configuration (service.alerting.rules) and cannot be {verb} here; change the configuration (mute, unmute and acknowledge work)");
        }
    }

    private static async Task EnsureUniqueAsync(DbSession s, string name, long? exceptId, CancellationToken ct)
    {
        var n = await s.ScalarLongAsync("SELECT COUNT(*) FROM alert_rules WHERE name = @n AND id <> @id", ct, ("n", name), ("id", exceptId ?? 0L)).ConfigureAwait(false);
        if (n > 0)
        {
            throw ApiProblemException.Conflict($"an alert rule named '{name}' already exists");
        }
    }

    private static async Task<AlertRule> RequireRuleAsync(DbSession s, long id, bool lockRow, CancellationToken ct) =>
        await s.QuerySingleAsync("SELECT " + RuleColumns + " FROM alert_rules WHERE id = @id" + (lockRow ? s.ForUpdate : string.Empty), MapRule, ct, ("id", id)).ConfigureAwait(false)
            ?? throw ApiProblemException.NotFound($"no alert rule with id {id}");

    private async Task<ActiveAlert> RequireStateAsync(DbSession s, long id, bool lockRow, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        return await s.QuerySingleAsync(
            "SELECT " + StateColumns + " FROM alert_states s JOIN alert_rules r ON r.id = s.rule_id WHERE s.id = @id" + (lockRow && s.ForUpdate.Length > 0 ? " FOR UPDATE OF s" : string.Empty),
            x => MapState(x, now),
            ct,
            ("id", id)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no alert with id {id}");
    }

    private static AlertRule MapRule(DbDataReader r) => new(
        r.Long(0),
        r.Str(1),
        r.Str(2),
        r.Str(3),
        r.Str(4),
        r.Dbl(5),
        r.Long(6),
        r.Str(7),
        JsonText.Deserialize<Dictionary<string, string>>(r.Str(8), []),
        r.Bool(9),
        r.TimeOrNull(10),
        r.Time(11),
        r.Time(12),
        r.Str(13));

    private static ActiveAlert MapState(DbDataReader r, DateTimeOffset now) => new(
        r.Long(0),
        r.Long(1),
        r.Str(2),
        r.Str(3),
        r.Str(4),
        r.Str(5),
        r.Dbl(6),
        JsonText.Deserialize<Dictionary<string, string>>(r.Str(7), []),
        r.Time(8),
        r.Time(9),
        r.TimeOrNull(10),
        r.StrOrNull(11),
        r.TimeOrNull(12),
        r.StrOrNull(13),
        r.TimeOrNull(14) is { } until && until > now);
}
