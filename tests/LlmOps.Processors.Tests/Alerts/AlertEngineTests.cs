using LlmOps.Processors.Alerts;
using LlmOps.Processors.Drift;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LlmOps.Processors.Tests.Alerts;

public sealed class AlertEngineTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    internal static AlertRule ErrorRule(TimeSpan forDuration) => new()
    {
        Id = "errors",
        Name = "HighErrors",
        Kind = AlertRuleKind.ErrorRateAbove,
        Threshold = 0.1,
        For = forDuration,
        Severity = "critical",
        Summary = "Too many errors",
        Labels = { ["team"] = "ai" },
    };

    private static (AlertEngine Engine, FakeAlertDataSource Data, RecordingNotifier Notifier, RecordingAuditSink Audit, ManualTimeProvider Clock) Create(params AlertRule[] rules)
    {
        var clock = new ManualTimeProvider(Start);
        var data = new FakeAlertDataSource();
        var notifier = new RecordingNotifier();
        var audit = new RecordingAuditSink();
        var options = new AlertingOptions { Rules = [.. rules], ResendInterval = TimeSpan.FromMinutes(1), Retry = new RetryOptions { InitialBackoff = TimeSpan.Zero } };
        return (new AlertEngine(options, data, [notifier], clock, NullLogger.Instance, audit, new MetricRegistry()), data, notifier, audit, clock);
    }

    /// <summary>One evaluation, then its deliveries.</summary>
    private static async Task EvaluateAsync(AlertEngine engine)
    {
        await engine.EvaluateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await engine.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task EvaluateAsync_ReceiverHangs_EvaluationAndOtherReceiversGoOnAndAttemptTimesOut()
    {
        var clock = new SteppingTimeProvider(Start);
        var data = new FakeAlertDataSource { Values = { [AlertSignal.ErrorRate] = 0.5 } };
        var hanging = new HangingNotifier();
        var healthy = new RecordingNotifier();
        var options = new AlertingOptions { Rules = [ErrorRule(TimeSpan.Zero)], DeliveryTimeout = TimeSpan.FromSeconds(10), Retry = new RetryOptions { InitialBackoff = TimeSpan.Zero, MaxAttempts = 1 } };
        var engine = new AlertEngine(options, data, [hanging, healthy], clock, NullLogger.Instance);

        // The evaluation returns and the healthy receiver is served while the other one holds its request.
        await engine.EvaluateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await hanging.NextAttemptAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await healthy.FirstSent.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AlertState.Firing, engine.GetStatus("errors")!.State);
        data.Values[AlertSignal.ErrorRate] = 0.0;
        await engine.EvaluateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AlertState.Resolved, engine.GetStatus("errors")!.State);

        // Each attempt is abandoned after the delivery timeout (the firing one, then the resolved one), recorded as a timeout.
        clock.Advance(TimeSpan.FromSeconds(10));
        await hanging.NextAttemptAsync().WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        await engine.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(engine.History, h => h.Action == "notification_failed" && h.Message.Contains("hanging did not answer within 10s", StringComparison.Ordinal));
        Assert.Equal([false, true], healthy.Sent.Select(n => n.Resolved));
    }

    [Fact]
    public async Task EvaluateAsync_ResolvedDeliveryFails_ResentEveryResendIntervalUntilDelivered()
    {
        var (engine, data, notifier, _, clock) = Create(ErrorRule(TimeSpan.Zero));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(engine);
        notifier.Down = true;
        data.Values[AlertSignal.ErrorRate] = 0.0;
        clock.Advance(TimeSpan.FromSeconds(15));
        await EvaluateAsync(engine);
        var resolvedAt = clock.GetUtcNow();
        Assert.Equal(AlertState.Resolved, engine.GetStatus("errors")!.State);
        Assert.Contains(engine.History, h => h.Action == "notification_failed" && h.Message.StartsWith("resolved", StringComparison.Ordinal));

        // Not due before the resend interval; delivered at the first evaluation after it once the receiver is back.
        notifier.Down = false;
        clock.Advance(TimeSpan.FromSeconds(30));
        await EvaluateAsync(engine);
        Assert.Single(notifier.Sent);
        clock.Advance(TimeSpan.FromSeconds(31));
        await EvaluateAsync(engine);
        Assert.Equal(2, notifier.Sent.Count);
        Assert.True(notifier.Sent[^1].Resolved);
        Assert.Equal(resolvedAt, notifier.Sent[^1].EndsAt);

        // Delivered once: no more re-sends.
        clock.Advance(TimeSpan.FromMinutes(2));
        await EvaluateAsync(engine);
        Assert.Equal(2, notifier.Sent.Count);
    }

    [Fact]
    public async Task EvaluateAsync_ResolvedNeverDelivered_GivenUpAfterRetention()
    {
        var (engine, data, notifier, _, clock) = Create(ErrorRule(TimeSpan.Zero));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(engine);
        notifier.Down = true;
        data.Values[AlertSignal.ErrorRate] = 0.0;
        await EvaluateAsync(engine);
        var calls = notifier.Calls;
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await EvaluateAsync(engine);
        }

        // Re-sent each minute for 15 minutes (5 attempts each), then dropped.
        Assert.InRange(notifier.Calls - calls, 14 * 5, 15 * 5);
        Assert.Contains(engine.History, h => h.Action == "notification_dropped");
    }

    [Fact]
    public async Task DeleteRule_WhileFiring_SendsResolvedEndingNow()
    {
        var (engine, data, notifier, _, clock) = Create(ErrorRule(TimeSpan.Zero));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(engine);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(engine.DeleteRule("errors", "carol"));
        await engine.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, notifier.Sent.Count);
        var resolved = notifier.Sent[^1];
        Assert.True(resolved.Resolved);
        Assert.Equal(clock.GetUtcNow(), resolved.EndsAt);
        Assert.Equal("HighErrors", resolved.Labels["alertname"]);
    }

    [Fact]
    public async Task UpsertRule_FiringRuleRenamed_OldAlertResolvedAndItsGaugeSeriesRemoved()
    {
        var clock = new ManualTimeProvider(Start);
        var data = new FakeAlertDataSource { Values = { [AlertSignal.ErrorRate] = 0.3 } };
        var notifier = new RecordingNotifier();
        var registry = new MetricRegistry();
        var options = new AlertingOptions { Rules = [ErrorRule(TimeSpan.Zero)], Retry = new RetryOptions { InitialBackoff = TimeSpan.Zero } };
        var engine = new AlertEngine(options, data, [notifier], clock, NullLogger.Instance, null, registry);
        await EvaluateAsync(engine);
        Assert.Contains("alertname=\"HighErrors\"", registry.Render(), StringComparison.Ordinal);

        var edited = ErrorRule(TimeSpan.Zero);
        edited.Name = "EditedErrors";
        edited.Severity = "warning";
        edited.Labels["team"] = "b";
        clock.Advance(TimeSpan.FromSeconds(15));
        engine.UpsertRule(edited, "carol");
        await engine.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var old = notifier.Sent[^1];
        Assert.True(old.Resolved);
        Assert.Equal(("HighErrors", "critical", "ai"), (old.Labels["alertname"], old.Labels["severity"], old.Labels["team"]));
        Assert.Equal(clock.GetUtcNow(), old.EndsAt);

        // The next evaluation sends the alert under its new labels at once; only the new series is left.
        await EvaluateAsync(engine);
        var renamed = notifier.Sent[^1];
        Assert.False(renamed.Resolved);
        Assert.Equal(("EditedErrors", "warning", "b"), (renamed.Labels["alertname"], renamed.Labels["severity"], renamed.Labels["team"]));
        var metrics = registry.Render();
        Assert.DoesNotContain("alertname=\"HighErrors\"", metrics, StringComparison.Ordinal);
        Assert.Contains("alertname=\"EditedErrors\"", metrics, StringComparison.Ordinal);

        // A threshold-only edit keeps the alert as it is.
        var count = notifier.Sent.Count;
        var threshold = edited.Clone();
        threshold.Threshold = 0.2;
        engine.UpsertRule(threshold, "carol");
        await engine.WhenDeliveredAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(count, notifier.Sent.Count);
    }

    [Fact]
    public async Task EvaluateAsync_BreachHeldForDuration_PendingThenFiringWithLabelsAndRca()
    {
        var (engine, data, notifier, _, clock) = Create(ErrorRule(TimeSpan.FromMinutes(2)));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        data.SliceStats.Add(new SliceStats(RcaDimensions.Model, "gpt-4o", 1000, 10, 1000, 10));
        data.SliceStats.Add(new SliceStats(RcaDimensions.Model, "llama", 1000, 10, 1000, 500));
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Pending, engine.GetStatus("errors")!.State);
        Assert.Empty(notifier.Sent);
        clock.Advance(TimeSpan.FromMinutes(2));
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Firing, engine.GetStatus("errors")!.State);
        var sent = Assert.Single(notifier.Sent);
        Assert.Equal("HighErrors", sent.Labels["alertname"]);
        Assert.Equal("errors", sent.Labels["rule_id"]);
        Assert.Equal("critical", sent.Labels["severity"]);
        Assert.Equal("ai", sent.Labels["team"]);
        Assert.Contains("model 'llama'", sent.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("Pin the previous model", sent.Annotations["description"], StringComparison.Ordinal);
        Assert.False(sent.Resolved);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(3), sent.EndsAt);
    }

    [Fact]
    public async Task EvaluateAsync_RuleStopsMeasuring_ValueSeriesWithdrawnStateStays()
    {
        var registry = new MetricRegistry();
        var data = new FakeAlertDataSource();
        var options = new AlertingOptions { Rules = [ErrorRule(TimeSpan.Zero)], ResendInterval = TimeSpan.FromMinutes(1) };
        var engine = new AlertEngine(options, data, [new RecordingNotifier()], new ManualTimeProvider(Start), NullLogger.Instance, null, registry);
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await engine.EvaluateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(MetricNames.AlertValue + "{rule_id=\"errors\"} 0.3\n", registry.Render(), StringComparison.Ordinal);

        // Traffic stops: the window is empty, the alert resolves, and the breaching value must not stay on /metrics.
        data.Values[AlertSignal.ErrorRate] = null;
        await engine.EvaluateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var text = registry.Render();
        Assert.Equal(AlertState.Resolved, engine.GetStatus("errors")!.State);
        Assert.DoesNotContain(MetricNames.AlertValue + "{", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.AlertState + "{rule_id=\"errors\",alertname=\"HighErrors\",severity=\"critical\"} 0\n", text, StringComparison.Ordinal);

        // Measured again: published again.
        data.Values[AlertSignal.ErrorRate] = 0.01;
        await engine.EvaluateAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(MetricNames.AlertValue + "{rule_id=\"errors\"} 0.01\n", registry.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_BreachEndsBeforeFor_BackToInactiveNothingSent()
    {
        var (engine, data, notifier, _, clock) = Create(ErrorRule(TimeSpan.FromMinutes(5)));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(engine);
        clock.Advance(TimeSpan.FromMinutes(1));
        data.Values[AlertSignal.ErrorRate] = 0.01;
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Inactive, engine.GetStatus("errors")!.State);
        Assert.Empty(notifier.Sent);
    }

    [Fact]
    public async Task EvaluateAsync_FiringThenRecovers_ResendsThenSendsResolved()
    {
        var (engine, data, notifier, _, clock) = Create(ErrorRule(TimeSpan.Zero));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        for (var i = 0; i < 3; i++)
        {
            await EvaluateAsync(engine);
            clock.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal(3, notifier.Sent.Count);
        data.Values[AlertSignal.ErrorRate] = 0.0;
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Resolved, engine.GetStatus("errors")!.State);
        Assert.True(notifier.Sent[^1].Resolved);
        Assert.Equal(clock.GetUtcNow(), notifier.Sent[^1].EndsAt);
    }

    [Fact]
    public async Task Acknowledge_FiringAlert_StopsResendsUntilResolvedAndAudited()
    {
        var (engine, data, notifier, audit, clock) = Create(ErrorRule(TimeSpan.Zero));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        await EvaluateAsync(engine);
        Assert.True(engine.Acknowledge("errors", "alice"));
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(2));
            await EvaluateAsync(engine);
        }

        Assert.Single(notifier.Sent);
        Assert.Contains(audit.Entries, e => e.Action == "alert.acknowledged" && e.Actor == "alice" && e.Target == "errors");
        Assert.Equal("alice", engine.GetStatus("errors")!.AcknowledgedBy);
    }

    [Fact]
    public async Task Mute_UntilTime_NoNotificationsThenResumes()
    {
        var (engine, data, notifier, audit, clock) = Create(ErrorRule(TimeSpan.Zero));
        Assert.True(engine.Mute("errors", Start.AddMinutes(10), "bob"));
        data.Values[AlertSignal.ErrorRate] = 0.3;
        for (var i = 0; i < 5; i++)
        {
            await EvaluateAsync(engine);
            clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Empty(notifier.Sent);
        Assert.Equal(AlertState.Firing, engine.GetStatus("errors")!.State);
        clock.Advance(TimeSpan.FromMinutes(1));
        await EvaluateAsync(engine);
        Assert.Single(notifier.Sent);
        Assert.Contains(audit.Entries, e => e.Action == "alert.muted" && e.Actor == "bob");
    }

    [Fact]
    public async Task EvaluateAsync_ReceiverFailsTwice_RetriedAndDelivered()
    {
        var clock = new ManualTimeProvider(Start);
        var data = new FakeAlertDataSource { Values = { [AlertSignal.ErrorRate] = 0.5 } };
        var notifier = new RecordingNotifier(failFirst: 2);
        var options = new AlertingOptions { Rules = [ErrorRule(TimeSpan.Zero)], Retry = new RetryOptions { InitialBackoff = TimeSpan.Zero, MaxAttempts = 3 } };
        var engine = new AlertEngine(options, data, [notifier], clock, NullLogger.Instance);
        await EvaluateAsync(engine);
        Assert.Equal(3, notifier.Calls);
        Assert.Single(notifier.Sent);
        Assert.Contains(engine.History, h => h.Action == "notification_sent" && h.Message.Contains("3 attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_SloBurnRate_NeedsBothWindows()
    {
        var rule = new AlertRule { Id = "slo", Name = "Burn", Kind = AlertRuleKind.SloBurnRate, Threshold = 14.4, Slo = 0.99 };
        var (engine, data, notifier, _, _) = Create(rule);
        data.Values[AlertSignal.ErrorRate] = 0.2; // 20x burn in both windows (fake returns the same value for any window)
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Firing, engine.GetStatus("slo")!.State);
        Assert.Equal(20, engine.GetStatus("slo")!.Value!.Value, 6);
        Assert.Single(notifier.Sent);
    }

    [Fact]
    public async Task EvaluateAsync_ContextRelevanceBelow_FiresOnLowValue()
    {
        var rule = new AlertRule { Id = "cr", Name = "LowRelevance", Kind = AlertRuleKind.ContextRelevanceBelow, Threshold = 0.6 };
        var (engine, data, _, _, _) = Create(rule);
        data.Values[AlertSignal.ContextRelevance] = 0.7;
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Inactive, engine.GetStatus("cr")!.State);
        data.Values[AlertSignal.ContextRelevance] = 0.4;
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Firing, engine.GetStatus("cr")!.State);
    }

    [Fact]
    public async Task EvaluateAsync_ThresholdKind_ComparesItsSignalInEitherDirection()
    {
        var fast = new AlertRule { Id = "latency-low", Name = "LatencySuspiciouslyLow", Kind = AlertRuleKind.Threshold, Signal = AlertSignal.LatencyP95, Comparison = AlertComparison.Lt, Threshold = 0.5 };
        var cost = new AlertRule { Id = "cost-gte", Name = "CostAtLeast", Kind = AlertRuleKind.Threshold, Signal = AlertSignal.CostUsd, Comparison = AlertComparison.Gte, Threshold = 10, Window = TimeSpan.FromHours(1) };
        var (engine, data, notifier, _, _) = Create(fast, cost);
        data.Values[AlertSignal.LatencyP95] = 0.8;
        data.Values[AlertSignal.CostUsd] = 9.99;
        data.Values[AlertSignal.ErrorRate] = 0.9;
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Inactive, engine.GetStatus("latency-low")!.State);
        Assert.Equal(AlertState.Inactive, engine.GetStatus("cost-gte")!.State);

        data.Values[AlertSignal.LatencyP95] = 0.3;
        data.Values[AlertSignal.CostUsd] = 10;
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Firing, engine.GetStatus("latency-low")!.State);
        Assert.Equal(0.3, engine.GetStatus("latency-low")!.Value);
        Assert.Equal(AlertState.Firing, engine.GetStatus("cost-gte")!.State);
        Assert.Equal(["cost-gte", "latency-low"], notifier.Sent.Select(n => n.Labels["rule_id"]).Order());

        // No data is no breach, whichever the direction.
        data.Values.Clear();
        await EvaluateAsync(engine);
        Assert.Equal(AlertState.Resolved, engine.GetStatus("latency-low")!.State);
        Assert.Equal(AlertState.Resolved, engine.GetStatus("cost-gte")!.State);
    }

    [Fact]
    public void Condition_ThresholdKind_SignalPromQlWithItsOperator()
    {
        var rule = new AlertRule { Kind = AlertRuleKind.Threshold, Signal = AlertSignal.ErrorRate, Comparison = AlertComparison.Gte, Threshold = 0.05, Window = TimeSpan.FromMinutes(10) };
        var reference = new AlertRule { Kind = AlertRuleKind.ErrorRateAbove, Window = TimeSpan.FromMinutes(10) };
        Assert.Equal($"({AlertExpressions.Value(reference)}) >= 0.05", AlertExpressions.Condition(rule));
        rule.Signal = AlertSignal.ContextRelevance;
        rule.Comparison = AlertComparison.Lte;
        Assert.EndsWith(") <= 0.05", AlertExpressions.Condition(rule), StringComparison.Ordinal);
        Assert.Contains("context_relevance", AlertExpressions.Condition(rule), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThresholdWithoutSignalAndReservedId_BothReported()
    {
        var errors = new LlmOps.Processors.Configuration.ValidationErrors();
        new AlertingOptionsValidator().Validate(new AlertingOptions { Rules = [new AlertRule { Id = "api-7", Name = "Mine", Kind = AlertRuleKind.Threshold, Threshold = 1 }] }, errors);
        Assert.Contains(errors.All, e => e.Contains("signal", StringComparison.Ordinal));
        Assert.Contains(errors.All, e => e.Contains("reserved", StringComparison.Ordinal));
        Assert.Equal(2, errors.All.Count);
    }

    [Fact]
    public void RuleCrud_UpsertDeleteInvalid_AuditedAndValidated()
    {
        var (engine, _, _, audit, _) = Create(ErrorRule(TimeSpan.Zero));
        engine.UpsertRule(new AlertRule { Id = "cost", Name = "Cost", Kind = AlertRuleKind.DailyCostAbove, Threshold = 10, Window = TimeSpan.FromDays(1) }, "carol");
        Assert.Equal(2, engine.Rules.Count);
        var bad = Assert.Throws<ArgumentException>(() => engine.UpsertRule(new AlertRule { Id = "Bad Id", Name = "x-y", Threshold = -1 }, "carol"));
        Assert.Contains("id", bad.Message, StringComparison.Ordinal);
        Assert.Contains("name", bad.Message, StringComparison.Ordinal);
        Assert.Contains("threshold", bad.Message, StringComparison.Ordinal);
        Assert.True(engine.DeleteRule("cost", "carol"));
        Assert.False(engine.DeleteRule("cost", "carol"));
        Assert.Equal(["alert.rule_created", "alert.rule_deleted"], audit.Entries.Select(e => e.Action));
    }

    [Fact]
    public void Validate_DefaultsAndBadOptions_EveryErrorReported()
    {
        var ok = new LlmOps.Processors.Configuration.ValidationErrors();
        new AlertingOptionsValidator().Validate(new AlertingOptions { Rules = AlertDefaults.Rules() }, ok);
        Assert.False(ok.HasErrors, string.Join("; ", ok.All));
        var errors = new LlmOps.Processors.Configuration.ValidationErrors();
        new AlertingOptionsValidator().Validate(new AlertingOptions { AlertmanagerUrl = "nope", ResendInterval = TimeSpan.Zero, Rules = [ErrorRule(TimeSpan.Zero), ErrorRule(TimeSpan.Zero)] }, errors);
        Assert.Equal(3, errors.All.Count);
    }

    [Fact]
    public void Validate_WindowsNotWholeMinutes_EachNamedWithItsKeyPath()
    {
        // The KPI window keeps one-minute aggregates: a 30 s window saw only part of the current minute, and nothing
        // at all in the second half of each minute.
        var short30 = ErrorRule(TimeSpan.Zero);
        short30.Window = TimeSpan.FromSeconds(30);
        var burn = new AlertRule { Id = "burn", Name = "Burn", Kind = AlertRuleKind.SloBurnRate, Threshold = 14.4, Slo = 0.99, ShortWindow = TimeSpan.FromSeconds(90), LongWindow = TimeSpan.FromMinutes(60) };
        var errors = new LlmOps.Processors.Configuration.ValidationErrors();
        new AlertingOptionsValidator().Validate(new AlertingOptions { Rules = [short30, burn] }, errors);
        Assert.Equal(2, errors.All.Count);
        Assert.Contains(errors.All, e => e.StartsWith("rules[0].window", StringComparison.Ordinal) && e.Contains("whole number of minutes", StringComparison.Ordinal));
        Assert.Contains(errors.All, e => e.StartsWith("rules[1].short_window", StringComparison.Ordinal) && e.Contains("whole number of minutes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("page-me")]
    [InlineData("Critical")]
    public void Validate_SeverityOutsideTheRoutedOnes_NamedWithItsKeyPath(string severity)
    {
        var odd = ErrorRule(TimeSpan.Zero);
        odd.Id = "errors-2";
        odd.Severity = severity;
        var errors = new LlmOps.Processors.Configuration.ValidationErrors();
        new AlertingOptionsValidator().Validate(new AlertingOptions { Rules = [ErrorRule(TimeSpan.Zero), odd] }, errors);
        var error = Assert.Single(errors.All);
        Assert.StartsWith("rules[1].severity", error, StringComparison.Ordinal);
        Assert.Contains("critical, warning, info", error, StringComparison.Ordinal);
    }
}
