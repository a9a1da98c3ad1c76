using System.Globalization;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Drift;
using LlmOps.Processors.Metrics;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Alerts;

/// <summary>
/// Evaluates alert rules continuously over recent data and delivers alerts. Per rule: inactive → pending (condition
/// true) → firing (true for the rule's <c>for</c>) → resolved (false again). A firing alert is sent when it starts and
/// re-sent every <see cref="AlertingOptions.ResendInterval"/> unless acknowledged (until it resolves) or muted (until a
/// time); a resolved alert is sent with its end time. Each alert carries the root cause (the model or prompt version
/// that explains most of the change against the previous window of the same length) as its description. Every action
/// is recorded in the history and passed to the <see cref="IAuditSink"/>. Deliveries run off the evaluation loop, one
/// queue per receiver (a slow or hung receiver delays neither evaluation nor the other receivers); each attempt is
/// bounded by <see cref="AlertingOptions.DeliveryTimeout"/> and retried with backoff. A resolved notification that
/// cannot be delivered stays pending and is re-sent every resend interval for
/// <see cref="AlertingOptions.ResolvedRetention"/>. An engine that starts evaluating (at start, or when the
/// <c>alert-evaluation</c> lease comes back to its replica) can be given the alerts that were firing
/// (<see cref="Restore"/>): they go on firing with their original start time instead of starting again from inactive.
/// </summary>
internal sealed class AlertEngine
{
    public const string SystemActor = "system";

    private const int MaxQueuedPerReceiver = 1000;

    private readonly AlertingOptions _options;
    private readonly IAlertDataSource _data;
    private readonly Receiver[] _receivers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IAuditSink? _audit;
    private readonly Dictionary<string, Runtime> _rules = new(StringComparer.Ordinal);
    private readonly LinkedList<AlertHistoryEntry> _history = new();
    private readonly Lock _lock = new();
    private readonly GaugeFamily? _stateGauge;
    private readonly GaugeFamily? _valueGauge;
    private bool _gaugesPublished;
    private readonly CounterFamily? _notifications;
    private readonly DateTimeOffset _startedAt;
    private CancellationToken _stopping;
    private bool _awaitingRestore = true;

    public AlertEngine(
        AlertingOptions options,
        IAlertDataSource data,
        IReadOnlyList<IAlertNotifier> notifiers,
        TimeProvider timeProvider,
        ILogger logger,
        IAuditSink? audit = null,
        MetricRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(notifiers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _data = data;
        _receivers = [.. notifiers.Select(n => new Receiver(n))];
        _timeProvider = timeProvider;
        _logger = logger;
        _audit = audit;
        _startedAt = timeProvider.GetUtcNow();
        foreach (var rule in options.Rules.Count > 0 ? options.Rules : AlertDefaults.Rules())
        {
            _rules[rule.Id] = new Runtime(rule.Clone());
        }

        if (registry is not null)
        {
            _stateGauge = registry.Gauge(MetricNames.AlertState, "Alert state per rule: 0 inactive or resolved, 1 pending, 2 firing.", [MetricNames.LabelRuleId, MetricNames.LabelAlertName, MetricNames.LabelSeverity], 500);
            _valueGauge = registry.Gauge(MetricNames.AlertValue, "The value each alert rule measured at its latest evaluation; absent while a rule has no data.", [MetricNames.LabelRuleId], 500);
            _notifications = registry.Counter(MetricNames.AlertNotificationsTotal, "Alert deliveries, by receiver and outcome (sent, failed).", [MetricNames.LabelReceiver, MetricNames.LabelOutcome], 100);
            foreach (var notifier in notifiers)
            {
                // At 0 from the start: the first delivery (or failure) counts in increase().
                _notifications.WithLabels(notifier.Name, "sent");
                _notifications.WithLabels(notifier.Name, "failed");
            }
        }
    }

    public IReadOnlyList<AlertRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules.Values.Select(r => r.Rule.Clone())];
            }
        }
    }

    public IReadOnlyList<AlertHistoryEntry> History
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Pending and firing alerts.</summary>
    public IReadOnlyList<AlertSnapshot> Active
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules.Values.Where(r => r.State is AlertState.Pending or AlertState.Firing).Select(Snapshot)];
            }
        }
    }

    public AlertRule? GetRule(string id)
    {
        lock (_lock)
        {
            return _rules.TryGetValue(id, out var r) ? r.Rule.Clone() : null;
        }
    }

    public AlertSnapshot? GetStatus(string ruleId)
    {
        lock (_lock)
        {
            return _rules.TryGetValue(ruleId, out var r) ? Snapshot(r) : null;
        }
    }

    /// <summary>
    /// True from the engine's creation, and again after <see cref="Suspend"/>, until its first evaluation:
    /// <see cref="Restore"/> is only applied meanwhile.
    /// </summary>
    public bool AwaitingRestore
    {
        get
        {
            lock (_lock)
            {
                return _awaitingRestore;
            }
        }
    }

    /// <summary>
    /// Restores the alerts that were firing when the engine (or the replica that evaluated before) stopped; only before
    /// the first evaluation (see <see cref="AwaitingRestore"/>), once. Every rule's state is reset first (states kept
    /// from an earlier lease term are stale). An alert whose rule still exists with the same labels fires on with its
    /// original <see cref="PersistedAlert.StartsAt"/>, value and acknowledgement: it is re-sent at the resend interval
    /// and does not resolve before the rule's window (the long window for burn-rate rules) is covered by data collected
    /// since the engine was created, as the KPI window starts empty; after that it resolves at the first evaluation
    /// where the condition is false. Any other alert (rule deleted, disabled, or its alert labels changed) is resolved
    /// now: receivers are sent the resolved alert with its old labels. Returns those resolved alerts with the reason.
    /// </summary>
    public IReadOnlyList<(PersistedAlert Alert, string Reason)> Restore(IReadOnlyList<PersistedAlert> firing)
    {
        ArgumentNullException.ThrowIfNull(firing);
        lock (_lock)
        {
            if (!_awaitingRestore)
            {
                return [];
            }

            _awaitingRestore = false;
            var now = _timeProvider.GetUtcNow();
            foreach (var r in _rules.Values)
            {
                r.Reset();
            }

            var ended = new List<(PersistedAlert, string)>();
            foreach (var alert in firing)
            {
                if (_rules.TryGetValue(alert.RuleId, out var r) && r.State != AlertState.Firing && SameLabels(alert.Labels, NotificationLabels(r.Rule)))
                {
                    var window = r.Rule.Kind == AlertRuleKind.SloBurnRate ? r.Rule.LongWindow : r.Rule.Window;
                    r.State = AlertState.Firing;
                    r.ActiveSince = alert.StartsAt;
                    r.FiredAt = alert.StartsAt;

                    // Sent when it fired: a rule change or resolution tells receivers it ended.
                    r.LastSentAt = alert.StartsAt;
                    r.LastValue = alert.Value;
                    r.AcknowledgedBy = alert.AcknowledgedBy;
                    r.AcknowledgedAt = alert.AcknowledgedBy is null ? null : alert.AcknowledgedAt ?? now;
                    r.HeldUntil = _startedAt + window;
                    r.RootCause = $"Firing since {AlertPayloads.Rfc3339(alert.StartsAt)}, restored after the alert engine restarted; the root cause is analysed again once the condition holds on new data.";
                    r.RootCauseRestored = true;
                    var held = r.HeldUntil > now ? "held firing until " + AlertPayloads.Rfc3339(r.HeldUntil.Value) + " (the rule's window of new data)" : "evaluated on the data of the rule's window";
                    Record(r.Rule.Id, "restored", r.State, r.LastValue, SystemActor, $"firing since {AlertPayloads.Rfc3339(alert.StartsAt)}; {held}");
                    continue;
                }

                var reason = r is null ? "rule deleted, disabled or no longer configured while the alert engine was stopped"
                    : r.State == AlertState.Firing ? "another alert of the rule was restored"
                    : "rule's alert labels changed while the alert engine was stopped";
                var labels = new Dictionary<string, string>(alert.Labels, StringComparer.Ordinal) { ["source"] = "llmops" };
                var value = alert.Value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
                var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["summary"] = $"{(labels.TryGetValue(MetricNames.LabelAlertName, out var name) ? name : alert.RuleId)} resolved: {reason}",
                    ["description"] = reason,
                    ["value"] = value,
                };
                Enqueue(new AlertNotification(alert.RuleId, true, labels, annotations, alert.StartsAt, now, Generator(alert.RuleId)));
                Record(alert.RuleId, "resolved", AlertState.Resolved, alert.Value, SystemActor, reason);
                ended.Add((alert, reason));
            }

            return ended;
        }
    }

    /// <summary>
    /// For a replica that no longer evaluates: withdraws its gauges (<see cref="WithdrawGauges"/>) and marks its states
    /// as stale, so that the firing alerts are restored (<see cref="Restore"/>) when it evaluates again.
    /// </summary>
    public void Suspend()
    {
        WithdrawGauges();
        lock (_lock)
        {
            _awaitingRestore = true;
        }
    }

    /// <summary>Adds or replaces a rule; throws <see cref="ArgumentException"/> listing every problem.</summary>
    public void UpsertRule(AlertRule rule, string actor)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var errors = new ValidationErrors();
        new AlertRuleValidator().Validate(rule, errors);
        if (errors.HasErrors)
        {
            throw new ArgumentException(string.Join("; ", errors.All), nameof(rule));
        }

        lock (_lock)
        {
            var existed = _rules.TryGetValue(rule.Id, out var runtime);
            if (existed)
            {
                var old = runtime!.Rule;
                if (!SameIdentity(old, rule))
                {
                    // The alert's label set changes: the old alert ends (resolved with its old labels) and its gauge
                    // series goes; the next evaluation sends the alert under its new labels.
                    if (runtime.State == AlertState.Firing && runtime.LastSentAt is not null)
                    {
                        Enqueue(Notification(runtime, _timeProvider.GetUtcNow(), resolved: true));
                        runtime.LastSentAt = null;
                        Record(rule.Id, "resolved", runtime.State, runtime.LastValue, actor, $"alert {old.Name} ({old.Severity}) replaced by the edited rule's labels");
                    }

                    _stateGauge?.Remove(old.Id, old.Name, old.Severity);
                }

                runtime.Rule = rule.Clone();
            }
            else
            {
                _rules[rule.Id] = new Runtime(rule.Clone());
            }

            Record(rule.Id, existed ? "rule_updated" : "rule_created", existed ? runtime!.State : AlertState.Inactive, null, actor, $"{rule.Kind} threshold {AlertExpressions.Number(rule.Threshold)} for {AlertExpressions.Duration(rule.For)}");
        }
    }

    public bool DeleteRule(string id, string actor)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        lock (_lock)
        {
            if (!_rules.Remove(id, out var runtime))
            {
                return false;
            }

            Record(id, "rule_deleted", runtime.State, runtime.LastValue, actor, runtime.Rule.Name);
            if (runtime.State == AlertState.Firing && runtime.LastSentAt is not null)
            {
                // Receivers are told the alert is over now, not when its endsAt passes.
                Enqueue(Notification(runtime, _timeProvider.GetUtcNow(), resolved: true));
                Record(id, "resolved", AlertState.Resolved, runtime.LastValue, actor, "rule deleted or disabled");
            }

            _stateGauge?.Remove(id, runtime.Rule.Name, runtime.Rule.Severity);
            _valueGauge?.Remove(id);
            return true;
        }
    }

    /// <summary>Stops re-notification of a pending or firing alert until it resolves.</summary>
    public bool Acknowledge(string ruleId, string actor)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        lock (_lock)
        {
            if (!_rules.TryGetValue(ruleId, out var r) || r.State is not (AlertState.Pending or AlertState.Firing))
            {
                return false;
            }

            r.AcknowledgedBy = actor;
            r.AcknowledgedAt = _timeProvider.GetUtcNow();
            Record(ruleId, "acknowledged", r.State, r.LastValue, actor, "re-notification stopped until the alert resolves");
            return true;
        }
    }

    /// <summary>Silences a rule's notifications until <paramref name="until"/> (the rule keeps being evaluated).</summary>
    public bool Mute(string ruleId, DateTimeOffset until, string actor)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        lock (_lock)
        {
            if (!_rules.TryGetValue(ruleId, out var r) || until <= _timeProvider.GetUtcNow())
            {
                return false;
            }

            r.MutedUntil = until;
            Record(ruleId, "muted", r.State, r.LastValue, actor, "until " + AlertPayloads.Rfc3339(until));
            return true;
        }
    }

    public bool Unmute(string ruleId, string actor)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        lock (_lock)
        {
            if (!_rules.TryGetValue(ruleId, out var r) || r.MutedUntil is null)
            {
                return false;
            }

            r.MutedUntil = null;
            Record(ruleId, "unmuted", r.State, r.LastValue, actor, string.Empty);
            return true;
        }
    }

    /// <summary>Evaluates every rule every <see cref="AlertingOptions.EvaluationInterval"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.EvaluationInterval, _timeProvider);
        do
        {
            try
            {
                await EvaluateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Alert evaluation failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Removes every rule's <c>llmops_alert_state</c> and <c>llmops_alert_value</c> series (a replica that no longer
    /// evaluates must not keep serving its last states); the next evaluation publishes them again.
    /// </summary>
    public void WithdrawGauges()
    {
        lock (_lock)
        {
            if (!_gaugesPublished)
            {
                return;
            }

            foreach (var r in _rules.Values)
            {
                _stateGauge?.Remove(r.Rule.Id, r.Rule.Name, r.Rule.Severity);
                _valueGauge?.Remove(r.Rule.Id);
            }

            _gaugesPublished = false;
        }
    }

    /// <summary>
    /// One evaluation of every rule; the deliveries it causes are queued per receiver and run in the background
    /// (<see cref="WhenDeliveredAsync"/> waits for them). <paramref name="cancellationToken"/> also stops deliveries.
    /// </summary>
    public Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var outgoing = new List<(Runtime Runtime, AlertNotification Notification)>();
        lock (_lock)
        {
            _stopping = cancellationToken;
            _awaitingRestore = false;
            RequeueUnsentResolved(now);
            foreach (var r in _rules.Values)
            {
                var (value, breach) = Measure(r.Rule, now);

                // A restored alert is not resolved on less data than its rule's window.
                var held = !breach && r.State == AlertState.Firing && r.HeldUntil > now;
                if (breach && r.RootCauseRestored)
                {
                    r.RootCause = RootCauseText(r.Rule, now);
                    r.RootCauseRestored = false;
                }

                r.LastValue = value ?? (held ? r.LastValue : null);
                Step(r, value, breach || held, now, outgoing);
                _stateGauge?.WithLabels(r.Rule.Id, r.Rule.Name, r.Rule.Severity).Set(r.State switch { AlertState.Pending => 1, AlertState.Firing => 2, _ => 0 });
                _gaugesPublished = true;
                if (value is { } v)
                {
                    _valueGauge?.WithLabels(r.Rule.Id).Set(v);
                }
                else
                {
                    // Nothing measured (an empty window): the last value is not the current one, so it is withdrawn.
                    _valueGauge?.Remove(r.Rule.Id);
                }
            }

            foreach (var (_, notification) in outgoing)
            {
                Enqueue(notification);
            }

            StartDeliveries();
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes when every queued delivery has been attempted (its retries included).</summary>
    public Task WhenDeliveredAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_receivers.Select(r => r.Running));
        }
    }

    private void Step(Runtime r, double? value, bool breach, DateTimeOffset now, List<(Runtime, AlertNotification)> outgoing)
    {
        switch (r.State)
        {
            case AlertState.Inactive or AlertState.Resolved when breach:
                r.State = AlertState.Pending;
                r.ActiveSince = now;
                Record(r.Rule.Id, "pending", r.State, value, SystemActor, "condition true");
                if (r.Rule.For <= TimeSpan.Zero)
                {
                    Fire(r, value, now, outgoing);
                }

                break;
            case AlertState.Pending when !breach:
                r.State = AlertState.Inactive;
                r.ActiveSince = null;
                r.AcknowledgedBy = null;
                r.AcknowledgedAt = null;
                Record(r.Rule.Id, "inactive", r.State, value, SystemActor, "condition false before the for duration elapsed");
                break;
            case AlertState.Pending when now - r.ActiveSince!.Value >= r.Rule.For:
                Fire(r, value, now, outgoing);
                break;
            case AlertState.Firing when !breach:
                r.State = AlertState.Resolved;
                r.ResolvedAt = now;
                r.HeldUntil = null;
                r.RootCauseRestored = false;
                Record(r.Rule.Id, "resolved", r.State, value, SystemActor, "condition false");
                if (r.LastSentAt is not null)
                {
                    outgoing.Add((r, Notification(r, now, resolved: true)));
                }

                r.AcknowledgedBy = null;
                r.AcknowledgedAt = null;
                r.LastSentAt = null;
                break;
            case AlertState.Firing when r.AcknowledgedBy is null && !IsMuted(r, now) && (r.LastSentAt is null || now - r.LastSentAt.Value >= _options.ResendInterval):
                r.LastSentAt = now;
                outgoing.Add((r, Notification(r, now, resolved: false)));
                break;
            default:
                break;
        }
    }

    private void Fire(Runtime r, double? value, DateTimeOffset now, List<(Runtime, AlertNotification)> outgoing)
    {
        r.State = AlertState.Firing;
        r.FiredAt = now;
        r.ResolvedAt = null;
        r.RootCause = RootCauseText(r.Rule, now);
        Record(r.Rule.Id, "firing", r.State, value, SystemActor, r.RootCause);
        if (r.AcknowledgedBy is null && !IsMuted(r, now))
        {
            r.LastSentAt = now;
            outgoing.Add((r, Notification(r, now, resolved: false)));
        }
    }

    private static bool IsMuted(Runtime r, DateTimeOffset now) => r.MutedUntil is { } until && until > now;

    private (double? Value, bool Breach) Measure(AlertRule rule, DateTimeOffset now)
    {
        switch (rule.Kind)
        {
            case AlertRuleKind.SloBurnRate:
                var budget = 1 - rule.Slo;
                var longRate = _data.Value(AlertSignal.ErrorRate, rule.LongWindow, now) / budget;
                var shortRate = _data.Value(AlertSignal.ErrorRate, rule.ShortWindow, now) / budget;
                return (longRate, longRate > rule.Threshold && shortRate > rule.Threshold);
            case AlertRuleKind.ContextRelevanceBelow:
                var relevance = _data.Value(AlertSignal.ContextRelevance, rule.Window, now);
                return (relevance, relevance < rule.Threshold);
            case AlertRuleKind.Threshold:
                var measured = _data.Value(rule.MeasuredSignal, rule.Window, now);
                return (measured, measured is { } m && rule.Breaches(m));
            default:
                var value = _data.Value(rule.MeasuredSignal, rule.Window, now);
                return (value, value > rule.Threshold);
        }
    }

    private string RootCauseText(AlertRule rule, DateTimeOffset now)
    {
        var signal = rule.MeasuredSignal;
        var window = rule.Kind == AlertRuleKind.SloBurnRate ? rule.LongWindow : rule.Window;
        var (subject, percent) = signal switch
        {
            AlertSignal.ContextRelevance => ("Mean context relevance", false),
            AlertSignal.CostUsd => ($"Cost per {AlertExpressions.Duration(window)} in USD", false),
            AlertSignal.LatencyP95 => ("Mean GenAI request duration in seconds", false),
            AlertSignal.HallucinationRate => ("Hallucination rate", true),
            _ => ("Error rate", true),
        };
        IReadOnlyList<SliceStats> slices;
        try
        {
            slices = _data.Slices(signal, window, now);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            _logger.LogWarning(ex, "Root-cause breakdown for alert {Rule} failed", rule.Id);
            slices = [];
        }

        var byModel = slices.Where(s => s.Dimension == RcaDimensions.Model).ToList();
        if (byModel.Count == 0)
        {
            return "No breakdown by model or prompt version is available for this window. " + RcaText.Recommendation(string.Empty, string.Empty);
        }

        var additive = signal == AlertSignal.CostUsd;
        double bn = byModel.Sum(s => s.BaselineCount), bs = byModel.Sum(s => s.BaselineSum), cn = byModel.Sum(s => s.CurrentCount), cs = byModel.Sum(s => s.CurrentSum);
        var current = additive ? cs : cn > 0 ? cs / cn : 0;
        if (bn <= 0)
        {
            // No earlier window (just started): the slice that stands out from the rest of the current window.
            var direction = rule.AlertsOnLowValues ? -1 : 1;
            return RcaText.WriteWithoutBaseline(subject, current, percent, RootCauseAnalyzer.AnalyzeWithinWindow(slices, direction, additive));
        }

        var baseline = additive ? bs : bs / bn;
        var cause = RootCauseAnalyzer.Analyze(slices, additive);
        return RcaText.Write(subject, baseline, current, percent, cause);
    }

    private AlertNotification Notification(Runtime r, DateTimeOffset now, bool resolved)
    {
        var rule = r.Rule;
        var labels = NotificationLabels(rule);
        var value = r.LastValue is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = $"{rule.Summary}: {value} (threshold {AlertExpressions.Number(rule.Threshold)})",
            ["description"] = r.RootCause ?? string.Empty,
            ["value"] = value,
        };
        return new AlertNotification(rule.Id, resolved, labels, annotations, r.FiredAt ?? now, resolved ? now : now + _options.EffectiveValidity, Generator(rule.Id));
    }

    private string Generator(string ruleId) => _options.ExternalUrl.TrimEnd('/') + "/alerts/" + Uri.EscapeDataString(ruleId);

    /// <summary>The labels a rule's alert is sent with.</summary>
    private static Dictionary<string, string> NotificationLabels(AlertRule rule) =>
        new(rule.Labels, StringComparer.Ordinal)
        {
            [MetricNames.LabelAlertName] = rule.Name,
            [MetricNames.LabelRuleId] = rule.Id,
            [MetricNames.LabelSeverity] = rule.Severity,
            ["source"] = "llmops",
        };

    /// <summary>Whether two label sets name the same alert; <c>source</c> (always <c>llmops</c>) may be missing from either.</summary>
    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        static int Count(IReadOnlyDictionary<string, string> labels) => labels.Count - (labels.ContainsKey("source") ? 1 : 0);
        return Count(a) == Count(b) && a.All(l => l.Key == "source" || (b.TryGetValue(l.Key, out var v) && v == l.Value));
    }

    private static bool SameIdentity(AlertRule a, AlertRule b) =>
        a.Name == b.Name && a.Severity == b.Severity && a.Labels.Count == b.Labels.Count
        && a.Labels.All(l => b.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    private static bool SameAlert(AlertNotification a, AlertNotification b) => SameLabels(a.Labels, b.Labels);

    /// <summary>Queues a notification on every receiver; it replaces any older one for the same alert. Callers hold the lock.</summary>
    private void Enqueue(AlertNotification notification)
    {
        foreach (var receiver in _receivers)
        {
            receiver.Queue.RemoveAll(q => SameAlert(q, notification));
            receiver.Unsent.RemoveAll(u => SameAlert(u.Notification, notification));
            if (receiver.Queue.Count >= MaxQueuedPerReceiver)
            {
                _logger.LogWarning("Alert receiver {Receiver} is {Count} notifications behind; the oldest ({Rule}) is dropped", receiver.Notifier.Name, receiver.Queue.Count, receiver.Queue[0].RuleId);
                receiver.Queue.RemoveAt(0);
            }

            receiver.Queue.Add(notification);
        }

        StartDeliveries();
    }

    /// <summary>Moves failed resolved notifications that are due again into their receiver's queue. Callers hold the lock.</summary>
    private void RequeueUnsentResolved(DateTimeOffset now)
    {
        foreach (var receiver in _receivers)
        {
            for (var i = receiver.Unsent.Count - 1; i >= 0; i--)
            {
                var (notification, nextAt, giveUpAt) = receiver.Unsent[i];
                if (now >= giveUpAt)
                {
                    receiver.Unsent.RemoveAt(i);
                    _logger.LogWarning("Alert {Rule}: the resolved notification could not be delivered to {Receiver} before {GiveUp}; it is dropped", notification.RuleId, receiver.Notifier.Name, AlertPayloads.Rfc3339(giveUpAt));
                    Record(notification.RuleId, "notification_dropped", AlertState.Resolved, null, SystemActor, $"resolved to {receiver.Notifier.Name} not delivered before {AlertPayloads.Rfc3339(giveUpAt)}");
                }
                else if (now >= nextAt)
                {
                    receiver.Unsent.RemoveAt(i);
                    if (!receiver.Queue.Any(q => SameAlert(q, notification)))
                    {
                        receiver.Queue.Add(notification);
                    }
                }
            }
        }
    }

    /// <summary>Starts the delivery loop of every receiver with queued notifications and none running. Callers hold the lock.</summary>
    private void StartDeliveries()
    {
        foreach (var receiver in _receivers.Where(r => !r.Active && r.Queue.Count > 0))
        {
            receiver.Active = true;
            var token = _stopping;
            receiver.Running = Task.Run(() => DrainAsync(receiver, token), CancellationToken.None);
        }
    }

    private async Task DrainAsync(Receiver receiver, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                AlertNotification notification;
                lock (_lock)
                {
                    if (receiver.Queue.Count == 0 || cancellationToken.IsCancellationRequested)
                    {
                        receiver.Active = false;
                        return;
                    }

                    notification = receiver.Queue[0];
                    receiver.Queue.RemoveAt(0);
                }

                await DeliverAsync(receiver, notification, cancellationToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A failed delivery loop must not leave the receiver stuck as running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Alert delivery to {Receiver} failed", receiver.Notifier.Name);
            }

            lock (_lock)
            {
                receiver.Active = false;
            }
        }
    }

    private async Task DeliverAsync(Receiver receiver, AlertNotification notification, CancellationToken cancellationToken)
    {
        var notifier = receiver.Notifier;
        var ruleId = notification.RuleId;
        var (ok, attempts, error) = await Retry.RunAsync(ct => SendOnceAsync(notifier, notification, ct), _options.Retry, _timeProvider, cancellationToken).ConfigureAwait(false);
        _notifications?.WithLabels(notifier.Name, ok ? "sent" : "failed").Add();
        var kind = notification.Resolved ? "resolved" : "firing";
        var now = _timeProvider.GetUtcNow();
        var retryUntil = notification.EndsAt + _options.ResolvedRetention;
        var keep = !ok && notification.Resolved && error is not NonRetryableDeliveryException && now < retryUntil;
        lock (_lock)
        {
            var state = _rules.TryGetValue(ruleId, out var r) ? r.State : AlertState.Inactive;
            if (ok)
            {
                Record(ruleId, "notification_sent", state, null, SystemActor, $"{kind} to {notifier.Name} after {attempts} attempt(s)");
            }
            else
            {
                Record(ruleId, "notification_failed", state, null, SystemActor, $"{kind} to {notifier.Name} failed after {attempts} attempt(s): {error?.Message}");
            }

            if (keep && !receiver.Queue.Any(q => SameAlert(q, notification)))
            {
                // Until a receiver hears "resolved" it shows the alert firing: keep trying at the resend interval.
                receiver.Unsent.RemoveAll(u => SameAlert(u.Notification, notification));
                receiver.Unsent.Add((notification, now + _options.ResendInterval, retryUntil));
            }
        }

        if (!ok)
        {
            _logger.LogWarning(
                "Alert {Rule} ({Kind}) could not be delivered to {Receiver} after {Attempts} attempts: {Error}{Next}",
                ruleId, kind, notifier.Name, attempts, error?.Message, keep ? $"; retried every {AlertExpressions.Duration(_options.ResendInterval)} until {AlertPayloads.Rfc3339(retryUntil)}" : string.Empty);
        }
    }

    /// <summary>One attempt, abandoned after <see cref="AlertingOptions.DeliveryTimeout"/> (as a <see cref="TimeoutException"/>, which is retried).</summary>
    private async Task SendOnceAsync(IAlertNotifier notifier, AlertNotification notification, CancellationToken cancellationToken)
    {
        using var attempt = new CancellationTokenSource(_options.DeliveryTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        try
        {
            await notifier.SendAsync([notification], linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && (attempt.IsCancellationRequested || ex.InnerException is TimeoutException))
        {
            _logger.LogWarning("Alert receiver {Receiver} did not answer within {Timeout} (alert {Rule}); the attempt is abandoned", notifier.Name, AlertExpressions.Duration(_options.DeliveryTimeout), notification.RuleId);
            throw new TimeoutException($"{notifier.Name} did not answer within {AlertExpressions.Duration(_options.DeliveryTimeout)}", ex);
        }
    }

    /// <summary>Adds a history entry and audits it. Callers hold the lock.</summary>
    private void Record(string ruleId, string action, AlertState state, double? value, string actor, string message)
    {
        var now = _timeProvider.GetUtcNow();
        _history.AddLast(new AlertHistoryEntry(now, ruleId, action, state, value, actor, message));
        while (_history.Count > _options.MaxHistory)
        {
            _history.RemoveFirst();
        }

        _audit?.Record(new AuditEntry(now, actor, "alert." + action, ruleId, message));
    }

    private static AlertSnapshot Snapshot(Runtime r) => new(
        r.Rule.Id, r.Rule.Name, r.Rule.Severity, r.State, r.LastValue, r.ActiveSince, r.FiredAt, r.ResolvedAt,
        r.AcknowledgedBy, r.AcknowledgedAt, r.MutedUntil, r.RootCause);

    /// <summary>One receiver's delivery queue; every member is guarded by the engine's lock.</summary>
    private sealed class Receiver(IAlertNotifier notifier)
    {
        public IAlertNotifier Notifier { get; } = notifier;

        public List<AlertNotification> Queue { get; } = [];

        /// <summary>Resolved notifications that failed: re-queued at NextAt, dropped at GiveUpAt.</summary>
        public List<(AlertNotification Notification, DateTimeOffset NextAt, DateTimeOffset GiveUpAt)> Unsent { get; } = [];

        public bool Active { get; set; }

        public Task Running { get; set; } = Task.CompletedTask;
    }

    private sealed class Runtime(AlertRule rule)
    {
        public AlertRule Rule { get; set; } = rule;

        public AlertState State { get; set; }

        public double? LastValue { get; set; }

        public DateTimeOffset? ActiveSince { get; set; }

        public DateTimeOffset? FiredAt { get; set; }

        public DateTimeOffset? ResolvedAt { get; set; }

        public DateTimeOffset? LastSentAt { get; set; }

        public string? AcknowledgedBy { get; set; }

        public DateTimeOffset? AcknowledgedAt { get; set; }

        public DateTimeOffset? MutedUntil { get; set; }

        public string? RootCause { get; set; }

        /// <summary>A restored alert is not resolved before this time (its rule's window of new data).</summary>
        public DateTimeOffset? HeldUntil { get; set; }

        /// <summary>The root cause is the restore notice until the condition holds on new data.</summary>
        public bool RootCauseRestored { get; set; }

        /// <summary>Back to inactive, as after a start (mutes stay: they belong to the rule).</summary>
        public void Reset()
        {
            State = AlertState.Inactive;
            LastValue = null;
            ActiveSince = null;
            FiredAt = null;
            ResolvedAt = null;
            LastSentAt = null;
            AcknowledgedBy = null;
            AcknowledgedAt = null;
            RootCause = null;
            HeldUntil = null;
            RootCauseRestored = false;
        }
    }
}
