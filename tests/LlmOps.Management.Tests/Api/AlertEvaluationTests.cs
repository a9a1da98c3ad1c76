using System.Net;
using System.Text.Json;
using LlmOps.Management.Alerts;
using LlmOps.Management.Jobs;
using LlmOps.Management.Tests.Infrastructure;
using LlmOps.Processors.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using EngineRule = LlmOps.Processors.Alerts.AlertRule;

namespace LlmOps.Management.Tests.Api;

/// <summary>
/// Alert rules created through the API, evaluated by the collector's real <see cref="AlertEngine"/> through
/// <see cref="AlertEngineBridge"/> (what the collector's alerting service runs around each evaluation), with a fake KPI
/// window as the traffic and a recording receiver standing in for Alertmanager.
/// </summary>
public abstract class AlertEvaluationTests : ApiTestBase
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private protected AlertEvaluationTests(AppFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task ApiRule_TrafficCrossesThreshold_FiresThenResolves_InAlertsHistoryAndNotifications()
    {
        var rig = CreateRig(App);
        var name = Unique("High errors");
        var id = await CreateRuleAsync(new { name, expression = "error_rate[10m]", @operator = "gt", threshold = 0.1, forSeconds = 0, severity = "critical", labels = new { team = "ops" } });
        var engineId = AlertEngineBridge.EngineId(id);

        rig.Data.Set(AlertSignal.ErrorRate, 0.05);
        await CycleAsync(rig);
        Assert.Equal(AlertState.Inactive, rig.Engine.GetStatus(engineId)!.State);
        Assert.Equal(TimeSpan.FromMinutes(10), rig.Data.WindowsAsked[AlertSignal.ErrorRate]);
        Assert.Null(FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id));

        rig.Data.Set(AlertSignal.ErrorRate, 0.3);
        await CycleAsync(rig);
        var active = await OkAsync(GetAsync("/api/v1/alerts"));
        var alert = FindAlert(active, id) ?? throw new Xunit.Sdk.XunitException("not firing in GET /alerts: " + active.GetRawText());
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal(engineId, alert.GetProperty("fingerprint").GetString());
        Assert.Equal(0.3, alert.GetProperty("value").GetDouble(), 6);
        var all = active.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(all.Count, active.GetProperty("total").GetInt32());
        Assert.Equal(all.Count(a => a.GetProperty("severity").GetString() == "critical"), active.GetProperty("critical").GetInt32());
        Assert.Equal(all.Count(a => a.GetProperty("severity").GetString() == "warning"), active.GetProperty("warnings").GetInt32());
        Assert.True(active.GetProperty("critical").GetInt32() >= 1);

        var fired = (await OkAsync(GetAsync($"/api/v1/alerts/history?ruleId={id}")))[0];
        Assert.Equal("fired", fired.GetProperty("event").GetString());
        Assert.Equal(name, fired.GetProperty("ruleName").GetString());
        Assert.Contains("error_rate[10m] = 0.3", fired.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The engine's notifiers (Alertmanager in the collector) get it like any configured rule's alert.
        var sent = Assert.Single(rig.Notifier.For(engineId));
        Assert.False(sent.Resolved);
        Assert.Equal(AlertEngineBridge.AlertName(name), sent.Labels["alertname"]);
        Assert.Equal(engineId, sent.Labels["rule_id"]);
        Assert.Equal("critical", sent.Labels["severity"]);
        Assert.Equal("ops", sent.Labels["team"]);
        Assert.Contains($"{name}: error_rate[10m] > 0.1", sent.Annotations["summary"], StringComparison.Ordinal);

        // Acknowledged through the API: the engine stops re-sending.
        await OkAsync(PostAsync($"/api/v1/alerts/{alert.GetProperty("id").GetInt64()}/acknowledge", new { comment = "on it" }));
        await CycleAsync(rig);
        Assert.Equal("anonymous", rig.Engine.GetStatus(engineId)!.AcknowledgedBy);

        rig.Data.Set(AlertSignal.ErrorRate, 0.01);
        await CycleAsync(rig);
        Assert.Null(FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id));
        var history = await OkAsync(GetAsync($"/api/v1/alerts/history?ruleId={id}"));
        Assert.Equal(["resolved", "acknowledged", "fired"], history.EnumerateArray().Select(h => h.GetProperty("event").GetString()));
        Assert.Contains(rig.Notifier.For(engineId), n => n.Resolved);
    }

    [BackendFact]
    public async Task ApiRule_EditedDisabledReenabledDeleted_AppliesAtTheNextEvaluation()
    {
        var rig = CreateRig(App);
        var id = await CreateRuleAsync(new { name = Unique("Slow"), expression = "latency_p95", @operator = "gte", threshold = 2, forSeconds = 0, severity = "warning" });
        var engineId = AlertEngineBridge.EngineId(id);
        rig.Data.Set(AlertSignal.LatencyP95, 3);
        await CycleAsync(rig);
        Assert.NotNull(FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id));
        Assert.Equal(TimeSpan.FromMinutes(5), rig.Engine.GetRule(engineId)!.Window);

        // An edit applies without a restart: above the new threshold no more.
        await OkAsync(PutAsync($"/api/v1/alerts/rules/{id}", new { threshold = 5 }));
        await CycleAsync(rig);
        Assert.Null(FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id));
        Assert.Equal(5, rig.Engine.GetRule(engineId)!.Threshold);
        await OkAsync(PutAsync($"/api/v1/alerts/rules/{id}", new { threshold = 2.5 }));
        await CycleAsync(rig);
        Assert.NotNull(FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id));
        Assert.Equal(2, await FiredCountAsync(id));

        // Disabled: out of the engine, its alert resolved, and no more evaluation while the breach goes on.
        await OkAsync(PutAsync($"/api/v1/alerts/rules/{id}", new { enabled = false }));
        await CycleAsync(rig);
        Assert.Null(rig.Engine.GetRule(engineId));
        Assert.Null(FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id));
        var resolved = (await OkAsync(GetAsync($"/api/v1/alerts/history?ruleId={id}")))[0];
        Assert.Equal("resolved", resolved.GetProperty("event").GetString());
        Assert.Equal("rule disabled", resolved.GetProperty("message").GetString());
        var notifications = rig.Notifier.For(engineId).Count;
        await CycleAsync(rig);
        await CycleAsync(rig);
        Assert.Null(rig.Engine.GetRule(engineId));
        Assert.Equal(2, await FiredCountAsync(id));
        Assert.Equal(notifications, rig.Notifier.For(engineId).Count);

        // Enabled again: evaluated again.
        await OkAsync(PutAsync($"/api/v1/alerts/rules/{id}", new { enabled = true }));
        await CycleAsync(rig);
        Assert.Equal(AlertState.Firing, rig.Engine.GetStatus(engineId)!.State);
        Assert.Equal(3, await FiredCountAsync(id));

        await OkAsync(DeleteAsync($"/api/v1/alerts/rules/{id}"), HttpStatusCode.NoContent);
        await CycleAsync(rig);
        Assert.Null(rig.Engine.GetRule(engineId));
        Assert.Equal(0, await App.ScalarAsync($"SELECT COUNT(*) FROM alert_states WHERE rule_id = {id}"));
    }

    [BackendFact]
    public async Task ConfiguredRules_ShownReadOnly_MuteReachesTheEngine()
    {
        var rig = CreateRig(App);
        await CycleAsync(rig);
        var rules = await OkAsync(GetAsync("/api/v1/alerts/rules"));
        var row = rules.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "CostWatch");
        Assert.Equal("config", row.GetProperty("source").GetString());
        Assert.Contains("llmops_cost_usd_total", row.GetProperty("expression").GetString(), StringComparison.Ordinal);
        var rowId = row.GetProperty("id").GetInt64();
        await AssertRejectedAsync(() => PutAsync($"/api/v1/alerts/rules/{rowId}", new { threshold = 1 }), HttpStatusCode.Conflict, "configuration", "/api/v1/alerts/rules");
        await AssertRejectedAsync(() => DeleteAsync($"/api/v1/alerts/rules/{rowId}"), HttpStatusCode.Conflict, "configuration", "/api/v1/alerts/rules");

        await OkAsync(PostAsync($"/api/v1/alerts/rules/{rowId}/mute", new { minutes = 10 }));
        await CycleAsync(rig);
        Assert.NotNull(rig.Engine.GetStatus("cost-watch")!.MutedUntil);
        await OkAsync(PostAsync($"/api/v1/alerts/rules/{rowId}/unmute"));
        await CycleAsync(rig);
        Assert.Null(rig.Engine.GetStatus("cost-watch")!.MutedUntil);

        // A second engine (another replica, or a restart) links to the same row instead of adding one.
        await CycleAsync(CreateRig(App));
        Assert.Equal(1, await App.ScalarAsync("SELECT COUNT(*) FROM alert_rules WHERE name = 'CostWatch'"));
    }

    [BackendFact]
    public async Task TwoReplicas_UnderTheAlertEvaluationLease_EvaluateOnceFireOnce()
    {
        await using var replica = await StartReplicaAsync();
        var rigs = new[] { CreateRig(App), CreateRig(replica) };
        var leases = new[] { App.Services.GetRequiredService<IJobLease>(), replica.Services.GetRequiredService<IJobLease>() };
        var id = await CreateRuleAsync(new { name = Unique("Once"), expression = "hallucination_rate[1h]", threshold = 0.2, forSeconds = 0, severity = "critical" });
        var engineId = AlertEngineBridge.EngineId(id);
        foreach (var rig in rigs)
        {
            rig.Data.Set(AlertSignal.HallucinationRate, 0.5);
        }

        // What each collector's alerting service does every interval: evaluate only while holding the lease.
        var job = Unique("alert-evaluation");
        var evaluated = new int[2];
        for (var round = 0; round < 6; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                if (await leases[i].TryAcquireAsync(job, $"collector-{i}", TimeSpan.FromMinutes(1), CancellationToken.None).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref evaluated[i]);
                    await CycleAsync(rigs[i]).ConfigureAwait(false);
                }
            }))).WaitAsync(TimeSpan.FromSeconds(120));
        }

        Assert.Equal(6, evaluated.Sum());
        Assert.Contains(0, evaluated);
        Assert.Single(rigs.SelectMany(r => r.Notifier.For(engineId)));
        Assert.Equal(1, await FiredCountAsync(id));
        Assert.Equal(1, await App.ScalarAsync($"SELECT COUNT(*) FROM alert_states WHERE rule_id = {id}"));
        Assert.Equal("evaluation_score", (await OkAsync(GetAsync($"/api/v1/alerts/rules/{id}"))).GetProperty("kind").GetString());
    }

    [BackendFact]
    public async Task Restart_WhileFiring_AlertFiresOnWithItsStartTime_NoResolvedFiredPairInHistory()
    {
        var rig = CreateRig(App);
        var (id, engineId, sent) = await FiringRuleAsync(rig, "Restarted");
        var startsAt = AlertPayloads.Rfc3339(sent.StartsAt);

        // From now on a breach must hold 10 minutes to fire: an engine starting the rule from scratch would resolve it.
        await OkAsync(PutAsync($"/api/v1/alerts/rules/{id}", new { forSeconds = 600 }));
        await CycleAsync(rig);
        Assert.Equal(AlertState.Firing, rig.Engine.GetStatus(engineId)!.State);
        var alert = FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id)!.Value;
        Assert.Equal(startsAt, AlertPayloads.Rfc3339(alert.GetProperty("startedAt").GetDateTimeOffset()));

        // The collector restarts (a new engine and bridge on the same database); the breach goes on.
        var restarted = CreateRig(App, resend: TimeSpan.FromMilliseconds(1));
        restarted.Data.Set(AlertSignal.ErrorRate, 0.3);
        await CycleAsync(restarted);
        await CycleAsync(restarted);

        Assert.Equal(AlertState.Firing, restarted.Engine.GetStatus(engineId)!.State);
        var resent = restarted.Notifier.For(engineId);
        Assert.NotEmpty(resent);
        Assert.All(resent, n => Assert.Equal((false, startsAt), (n.Resolved, AlertPayloads.Rfc3339(n.StartsAt))));
        var after = FindAlert(await OkAsync(GetAsync("/api/v1/alerts")), id) ?? throw new Xunit.Sdk.XunitException("no longer firing in GET /alerts");
        Assert.Equal(alert.GetProperty("id").GetInt64(), after.GetProperty("id").GetInt64());
        Assert.Equal(startsAt, AlertPayloads.Rfc3339(after.GetProperty("startedAt").GetDateTimeOffset()));
        var history = await OkAsync(GetAsync($"/api/v1/alerts/history?ruleId={id}"));
        Assert.Equal(["fired"], history.EnumerateArray().Select(h => h.GetProperty("event").GetString()));
    }

    [BackendFact]
    public async Task Restart_RuleDisabledOrUnconfiguredWhileDown_ResolvedToReceiversAtStart()
    {
        var configured = new EngineRule { Id = Unique("configured"), Name = "Configured" + Guid.NewGuid().ToString("N")[..8], Kind = AlertRuleKind.P95LatencyAbove, Threshold = 2, Severity = "warning" };
        var rig = CreateRig(App, configured);
        rig.Data.Set(AlertSignal.LatencyP95, 4);
        var (id, _, sent) = await FiringRuleAsync(rig, "Disabled while down");
        var fired = new[] { sent, Assert.Single(rig.Notifier.For(configured.Id)) };
        var configuredRow = (await OkAsync(GetAsync("/api/v1/alerts/rules"))).EnumerateArray().Single(r => r.GetProperty("name").GetString() == configured.Name).GetProperty("id").GetInt64();

        // While the collector is down the API rule is disabled and the configured rule leaves the configuration.
        await OkAsync(PutAsync($"/api/v1/alerts/rules/{id}", new { enabled = false }));
        var restarted = CreateRig(App);
        restarted.Data.Set(AlertSignal.ErrorRate, 0.3);
        restarted.Data.Set(AlertSignal.LatencyP95, 4);
        await CycleAsync(restarted);

        // Receivers hear both alerts end now, with the labels and start they knew them by; the alert list drops them.
        foreach (var before in fired)
        {
            var resolved = Assert.Single(restarted.Notifier.For(before.RuleId));
            Assert.True(resolved.Resolved);
            Assert.Equal(before.StartsAt.ToUnixTimeMilliseconds(), resolved.StartsAt.ToUnixTimeMilliseconds());
            Assert.Equal(before.Labels.OrderBy(l => l.Key, StringComparer.Ordinal), resolved.Labels.OrderBy(l => l.Key, StringComparer.Ordinal));
        }

        var active = await OkAsync(GetAsync("/api/v1/alerts"));
        Assert.Null(FindAlert(active, id));
        Assert.Null(FindAlert(active, configuredRow));
        Assert.Equal(["resolved", "fired"], (await OkAsync(GetAsync($"/api/v1/alerts/history?ruleId={id}"))).EnumerateArray().Select(h => h.GetProperty("event").GetString()));
        var unconfigured = await OkAsync(GetAsync($"/api/v1/alerts/history?ruleId={configuredRow}"));
        Assert.Equal(["resolved", "fired"], unconfigured.EnumerateArray().Select(h => h.GetProperty("event").GetString()));
        Assert.StartsWith("rule deleted, disabled or no longer configured", unconfigured[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>An API rule on the error rate (above 0.1, no for duration) that fires at once: its first notification.</summary>
    private async Task<(long Id, string EngineId, AlertNotification Sent)> FiringRuleAsync(Rig rig, string name)
    {
        var id = await CreateRuleAsync(new { name = Unique(name), expression = "error_rate[10m]", @operator = "gt", threshold = 0.1, forSeconds = 0, severity = "critical" });
        var engineId = AlertEngineBridge.EngineId(id);
        rig.Data.Set(AlertSignal.ErrorRate, 0.3);
        await CycleAsync(rig);
        return (id, engineId, Assert.Single(rig.Notifier.For(engineId)));
    }

    private static JsonElement? FindAlert(JsonElement active, long ruleId) =>
        active.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("ruleId").GetInt64() == ruleId).Select(a => (JsonElement?)a).FirstOrDefault();

    private static Rig CreateRig(ManagementApp app, params EngineRule[] configured) => CreateRig(app, TimeSpan.FromHours(1), configured);

    private static Rig CreateRig(ManagementApp app, TimeSpan resend, params EngineRule[] configured)
    {
        var data = new FakeKpis();
        var notifier = new RecordingNotifier();
        var options = new AlertingOptions
        {
            // One configured rule that never breaches here (no cost data), so the API rules are what fires.
            Rules = [new EngineRule { Id = "cost-watch", Name = "CostWatch", Kind = AlertRuleKind.DailyCostAbove, Threshold = 1000, Window = TimeSpan.FromDays(1), Severity = "warning" }, .. configured],
            ResendInterval = resend,
            Retry = new RetryOptions { InitialBackoff = TimeSpan.Zero, MaxAttempts = 1 },
        };
        var engine = new AlertEngine(options, data, [notifier], TimeProvider.System, NullLogger.Instance);
        return new Rig(engine, ActivatorUtilities.CreateInstance<AlertEngineBridge>(app.Services), data, notifier);
    }

    /// <summary>One round of the collector's alerting service: sync, evaluate, publish.</summary>
    private static async Task CycleAsync(Rig rig)
    {
        await rig.Bridge.BeforeEvaluationAsync(rig.Engine, CancellationToken.None).WaitAsync(Step).ConfigureAwait(false);
        await rig.Engine.EvaluateAsync(CancellationToken.None).WaitAsync(Step).ConfigureAwait(false);
        await rig.Engine.WhenDeliveredAsync().WaitAsync(Step).ConfigureAwait(false);
        await rig.Bridge.AfterEvaluationAsync(rig.Engine, CancellationToken.None).WaitAsync(Step).ConfigureAwait(false);
    }

    private Task<long> FiredCountAsync(long ruleId) => App.ScalarAsync($"SELECT COUNT(*) FROM alert_history WHERE rule_id = {ruleId} AND event = 'fired'");

    private async Task<long> CreateRuleAsync(object body) =>
        (await OkAsync(PostAsync("/api/v1/alerts/rules", body), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    private sealed record Rig(AlertEngine Engine, AlertEngineBridge Bridge, FakeKpis Data, RecordingNotifier Notifier);
}
