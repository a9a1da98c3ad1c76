using LlmOps.Processors.Alerts;
using LlmOps.Processors.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LlmOps.Processors.Tests.Alerts;

/// <summary>
/// A firing alert across a restart: the first engine's firing alerts are kept as the management tables keep them
/// (<see cref="Persist"/>), and a second engine, created later on the same clock with an empty KPI window, is given them
/// with <see cref="AlertEngine.Restore"/> before its first evaluation.
/// </summary>
public sealed class AlertEngineRestartTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static AlertRule ErrorRule(TimeSpan forDuration) => AlertEngineTests.ErrorRule(forDuration);

    private static AlertRule LatencyRule() => new()
    {
        Id = "latency",
        Name = "SlowAnswers",
        Kind = AlertRuleKind.P95LatencyAbove,
        Threshold = 2,
        Window = TimeSpan.FromMinutes(5),
        Severity = "warning",
    };

    private static (AlertEngine Engine, FakeAlertDataSource Data, RecordingNotifier Notifier) Create(ManualTimeProvider clock, params AlertRule[] rules)
    {
        var data = new FakeAlertDataSource();
        var notifier = new RecordingNotifier();
        var options = new AlertingOptions { Rules = [.. rules], ResendInterval = TimeSpan.FromMinutes(1), Retry = new RetryOptions { InitialBackoff = TimeSpan.Zero } };
        return (new AlertEngine(options, data, [notifier], clock, NullLogger.Instance), data, notifier);
    }

    private static async Task EvaluateAsync(AlertEngine engine)
    {
        await engine.EvaluateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await engine.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>An engine whose rules fire at once (error rate 0.3, p95 latency 4 s), and its firing alerts as persisted.</summary>
    private static async Task<(AlertEngine Engine, List<PersistedAlert> Persisted)> FiredAsync(ManualTimeProvider clock, params AlertRule[] rules)
    {
        var (engine, data, _) = Create(clock, rules);
        data.Values[AlertSignal.ErrorRate] = 0.3;
        data.Values[AlertSignal.LatencyP95] = 4;
        await EvaluateAsync(engine);
        return (engine, Persist(engine));
    }

    /// <summary>The firing alerts as the management API's <c>alert_states</c> keep them (labels without <c>source</c>).</summary>
    private static List<PersistedAlert> Persist(AlertEngine engine) =>
    [
        .. engine.Active.Where(a => a.State == AlertState.Firing).Select(a =>
        {
            var rule = engine.GetRule(a.RuleId)!;
            var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal) { ["alertname"] = rule.Name, ["rule_id"] = rule.Id, ["severity"] = rule.Severity };
            return new PersistedAlert(a.RuleId, labels, a.FiredAt!.Value, a.Value, a.AcknowledgedBy, a.AcknowledgedAt);
        }),
    ];

    [Fact]
    public async Task Restore_ConditionStillHolds_FiresOnWithTheOriginalStartsAtNeverResolved()
    {
        var clock = new ManualTimeProvider(Start);
        var (before, beforeData, beforeNotifier) = Create(clock, ErrorRule(TimeSpan.FromMinutes(5)));
        beforeData.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(before);
        clock.Advance(TimeSpan.FromMinutes(5));
        await EvaluateAsync(before);
        var firedAt = clock.GetUtcNow();
        Assert.Equal(firedAt, Assert.Single(beforeNotifier.Sent).StartsAt);
        var persisted = Persist(before);

        // Down for two minutes; the new engine's window has new data only, and the breach goes on.
        clock.Advance(TimeSpan.FromMinutes(2));
        var (after, data, notifier) = Create(clock, ErrorRule(TimeSpan.FromMinutes(5)));
        Assert.True(after.AwaitingRestore);
        Assert.Empty(after.Restore(persisted));
        Assert.Equal((AlertState.Firing, firedAt), (after.GetStatus("errors")!.State, after.GetStatus("errors")!.FiredAt));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        for (var i = 0; i < 12; i++)
        {
            await EvaluateAsync(after);
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        // Re-sent at once (the last send is older than the resend interval) and every minute, for the same alert:
        // the same labels and startsAt, never resolved, and not pending again for the rule's for duration.
        Assert.Equal(6, notifier.Sent.Count);
        Assert.All(notifier.Sent, n => Assert.Equal((false, firedAt, "HighErrors", "ai", "llmops"), (n.Resolved, n.StartsAt, n.Labels["alertname"], n.Labels["team"], n.Labels["source"])));
        Assert.Equal(["restored"], after.History.Where(h => h.Action is not "notification_sent").Select(h => h.Action));
        Assert.Equal(AlertState.Firing, after.GetStatus("errors")!.State);
        Assert.False(after.AwaitingRestore);
    }

    [Fact]
    public async Task Restore_ConditionFalseOnNewData_HeldForTheRuleWindowThenResolvedOnce()
    {
        var clock = new ManualTimeProvider(Start);
        var (_, persisted) = await FiredAsync(clock, ErrorRule(TimeSpan.Zero));
        clock.Advance(TimeSpan.FromMinutes(1));
        var restartedAt = clock.GetUtcNow();
        var (after, data, notifier) = Create(clock, ErrorRule(TimeSpan.Zero));
        after.Restore(persisted);

        // No data at first, then a low error rate: not enough to end the alert until 5 minutes (the rule's window)
        // of new data are in; it is re-sent meanwhile, so Alertmanager does not resolve it either.
        for (var i = 0; i < 20; i++)
        {
            data.Values[AlertSignal.ErrorRate] = i < 2 ? null : 0.01;
            await EvaluateAsync(after);
            var held = clock.GetUtcNow() < restartedAt + TimeSpan.FromMinutes(5);
            Assert.Equal(held ? AlertState.Firing : AlertState.Resolved, after.GetStatus("errors")!.State);
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        var resolved = Assert.Single(notifier.Sent, n => n.Resolved);
        Assert.Equal((Start, restartedAt + TimeSpan.FromMinutes(5)), (resolved.StartsAt, resolved.EndsAt));
        Assert.Same(resolved, notifier.Sent[^1]);
        Assert.All(notifier.Sent, n => Assert.Equal(Start, n.StartsAt));
        Assert.Equal(5, notifier.Sent.Count(n => !n.Resolved));
        Assert.Equal(["restored", "resolved"], after.History.Where(h => h.Action is not "notification_sent").Select(h => h.Action));
    }

    [Fact]
    public async Task Restore_RuleRemovedOrRenamedWhileDown_ResolvedAtStartWithItsOldLabels()
    {
        var clock = new ManualTimeProvider(Start);
        var (_, persisted) = await FiredAsync(clock, ErrorRule(TimeSpan.Zero), LatencyRule());
        Assert.Equal(2, persisted.Count);

        // Restarted with the latency rule gone and the error rule renamed; the breach goes on.
        clock.Advance(TimeSpan.FromMinutes(1));
        var renamed = ErrorRule(TimeSpan.FromMinutes(5));
        renamed.Name = "ErrorsTooHigh";
        var (after, data, notifier) = Create(clock, renamed);
        var ended = after.Restore(persisted);
        await after.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["errors", "latency"], ended.Select(e => e.Alert.RuleId).Order(StringComparer.Ordinal));
        Assert.Equal(2, notifier.Sent.Count);
        Assert.All(notifier.Sent, n => Assert.Equal((true, Start, clock.GetUtcNow(), "llmops"), (n.Resolved, n.StartsAt, n.EndsAt, n.Labels["source"])));
        Assert.Equal(["HighErrors", "SlowAnswers"], notifier.Sent.Select(n => n.Labels["alertname"]).Order(StringComparer.Ordinal));
        Assert.Equal("ai", notifier.Sent.Single(n => n.RuleId == "errors").Labels["team"]);

        // The renamed rule starts from scratch under its new name.
        Assert.Equal(AlertState.Inactive, after.GetStatus("errors")!.State);
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(after);
        Assert.Equal(AlertState.Pending, after.GetStatus("errors")!.State);
        Assert.Equal(2, notifier.Sent.Count);
    }

    [Fact]
    public async Task Restore_AcknowledgedAlert_StaysAcknowledgedAndIsNotResent()
    {
        var clock = new ManualTimeProvider(Start);
        var (before, _) = await FiredAsync(clock, ErrorRule(TimeSpan.Zero));
        Assert.True(before.Acknowledge("errors", "dana"));
        var persisted = Persist(before);

        clock.Advance(TimeSpan.FromMinutes(3));
        var (after, data, notifier) = Create(clock, ErrorRule(TimeSpan.Zero));
        after.Restore(persisted);
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(after);
        clock.Advance(TimeSpan.FromMinutes(2));
        await EvaluateAsync(after);

        Assert.Equal(("dana", AlertState.Firing), (after.GetStatus("errors")!.AcknowledgedBy, after.GetStatus("errors")!.State));
        Assert.Empty(notifier.Sent);
    }

    [Fact]
    public async Task Restore_OnlyBeforeTheFirstEvaluationOfATerm_SuspendResetsStaleStates()
    {
        var clock = new ManualTimeProvider(Start);
        var (engine, persisted) = await FiredAsync(clock, ErrorRule(TimeSpan.Zero));

        // Evaluating: the engine's own states are the truth, a restore is ignored.
        Assert.False(engine.AwaitingRestore);
        Assert.Empty(engine.Restore([]));
        Assert.Equal(AlertState.Firing, engine.GetStatus("errors")!.State);

        // The lease went to another replica, which resolved the alert; back here, the stale firing state goes quietly.
        engine.Suspend();
        Assert.True(engine.AwaitingRestore);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(engine.Restore([]));
        Assert.Equal(AlertState.Inactive, engine.GetStatus("errors")!.State);
        Assert.Equal(["firing"], engine.History.Where(h => h.Action is "firing" or "resolved").Select(h => h.Action));

        // Or it was still firing there: restored with its start time.
        engine.Suspend();
        engine.Restore(persisted);
        Assert.Equal((AlertState.Firing, Start), (engine.GetStatus("errors")!.State, engine.GetStatus("errors")!.FiredAt));
    }
}
