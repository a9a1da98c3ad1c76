using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Management.Alerts;
using LlmOps.Management.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public abstract class AlertApiTests : ApiTestBase
{
    private protected AlertApiTests(AppFixture fixture)
        : base(fixture)
    {
    }

    private IAlertRuleStore Store => App.Services.GetRequiredService<IAlertRuleStore>();

    [BackendFact]
    public async Task Rules_CrudAndSeeds_Work()
    {
        var rules = await OkAsync(GetAsync("/api/v1/alerts/rules"));
        var seeds = rules.EnumerateArray().Where(r => r.GetProperty("name").GetString() is "High error rate" or "Slow responses" or "High hallucination rate" or "Daily cost budget").ToList();
        Assert.Equal(4, seeds.Count);
        foreach (var seed in seeds)
        {
            // Examples in the engine's expression language, disabled (they would duplicate the built-in rules).
            Assert.True(AlertExpression.TryParse(seed.GetProperty("expression").GetString(), out var parsed, out var problem), problem);
            Assert.Equal(parsed!.Canonical, seed.GetProperty("expression").GetString());
            Assert.False(seed.GetProperty("enabled").GetBoolean());
            Assert.Equal("api", seed.GetProperty("source").GetString());
        }

        var id = await CreateRuleAsync("critical");
        var created = await OkAsync(GetAsync($"/api/v1/alerts/rules/{id}"));
        Assert.Equal("error_rate[5m]", created.GetProperty("expression").GetString());
        var updated = await OkAsync(PutAsync($"/api/v1/alerts/rules/{id}", new { threshold = 0.2, enabled = false }));
        Assert.Equal(0.2, updated.GetProperty("threshold").GetDouble());
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain(await Store.GetEnabledRulesAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)), r => r.Id == id);
        await OkAsync(DeleteAsync($"/api/v1/alerts/rules/{id}"), HttpStatusCode.NoContent);
        AssertProblem(await GetAsync($"/api/v1/alerts/rules/{id}"), HttpStatusCode.NotFound, "no alert rule");
    }

    [BackendFact]
    public async Task Report_FireAckMuteResolve_ActiveCountsAndHistory()
    {
        var critical = await CreateRuleAsync("critical");
        var warning = await CreateRuleAsync("warning");
        var now = TimeProvider.System.GetUtcNow();
        var labels = new Dictionary<string, string> { ["model"] = "gpt-4o-mini" };
        var fired = await Store.ReportAsync(new AlertObservation(critical, "model=gpt-4o-mini", true, 0.3, labels, now), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AlertTransitionKind.Fired, fired.Kind);
        var again = await Store.ReportAsync(new AlertObservation(critical, "model=gpt-4o-mini", true, 0.4, labels, now.AddSeconds(30)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AlertTransitionKind.None, again.Kind);
        await Store.ReportAsync(new AlertObservation(warning, "all", true, 7, new Dictionary<string, string>(), now), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var active = await OkAsync(GetAsync("/api/v1/alerts"));
        var mine = active.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("ruleId").GetInt64() == critical || a.GetProperty("ruleId").GetInt64() == warning).ToList();
        Assert.Equal(2, mine.Count);
        Assert.True(active.GetProperty("critical").GetInt32() >= 1);
        Assert.True(active.GetProperty("warnings").GetInt32() >= 1);
        Assert.Equal(active.GetProperty("total").GetInt32(), active.GetProperty("alerts").GetArrayLength());
        Assert.Equal(0.4, mine.Single(a => a.GetProperty("ruleId").GetInt64() == critical).GetProperty("value").GetDouble());

        var acked = await OkAsync(PostAsync($"/api/v1/alerts/{fired.StateId}/acknowledge", new { comment = "looking" }));
        Assert.Equal("anonymous", acked.GetProperty("acknowledgedBy").GetString());
        AssertProblem(await PostAsync($"/api/v1/alerts/{fired.StateId}/acknowledge", new { comment = "again" }), HttpStatusCode.Conflict, "already acknowledged");

        var muted = await OkAsync(PostAsync($"/api/v1/alerts/rules/{critical}/mute", new { minutes = 30 }));
        Assert.True(muted.GetProperty("mutedUntil").GetDateTimeOffset() > now);
        var resolved = await Store.ReportAsync(new AlertObservation(critical, "model=gpt-4o-mini", false, 0.01, labels, now.AddMinutes(1)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AlertTransitionKind.Resolved, resolved.Kind);
        Assert.True(resolved.Muted);
        await OkAsync(PostAsync($"/api/v1/alerts/rules/{critical}/unmute"));

        var history = await OkAsync(GetAsync($"/api/v1/alerts/history?ruleId={critical}"));
        Assert.Equal(["resolved", "muted", "acknowledged", "fired"], history.EnumerateArray().Skip(1).Select(h => h.GetProperty("event").GetString()));
        Assert.Equal("unmuted", history[0].GetProperty("event").GetString());
        AssertProblem(await PostAsync($"/api/v1/alerts/{fired.StateId}/acknowledge"), HttpStatusCode.Conflict, "not firing");
    }

    [BackendFact]
    public async Task InvalidRequests_Rejected_With4xxAndNothingChanged()
    {
        var id = await CreateRuleAsync("warning");
        var name = (await OkAsync(GetAsync($"/api/v1/alerts/rules/{id}"))).GetProperty("name").GetString();
        var state = "/api/v1/alerts/rules";
        await AssertRejectedAsync(() => PostAsync(state, new { name, kind = "latency", expression = "latency_p95", threshold = 1 }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("r"), kind = "latency", expression = "latency_p95" }), HttpStatusCode.BadRequest, "threshold", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("r"), kind = "weather", expression = "x", threshold = 1, severity = "meh", @operator = "about" }), HttpStatusCode.BadRequest, "severity", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { name = "High error rate" }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PostAsync($"{state}/{id}/mute", new { minutes = 0 }), HttpStatusCode.BadRequest, "minutes", state);
        await AssertRejectedAsync(() => PostAsync($"{state}/77777/mute", new { minutes = 5 }), HttpStatusCode.NotFound, "no alert rule", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/alerts/77777/acknowledge", new { }), HttpStatusCode.NotFound, "no alert with id", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/alerts/abc/acknowledge", new { }), HttpStatusCode.BadRequest, "not a valid alert id", state);
    }

    [BackendFact]
    public async Task Expressions_InvalidOnCreateOrUpdate_400NamingTheProblemAndNothingChanged()
    {
        var id = await CreateRuleAsync("warning");
        var state = "/api/v1/alerts/rules";
        object Rule(string expression, double threshold = 0.1, object? labels = null) => new { name = Unique("x"), expression, threshold, labels };
        await AssertRejectedAsync(() => PostAsync(state, Rule("llmops:error_rate:5m")), HttpStatusCode.BadRequest, "'llmops:error_rate:5m' is not a signal", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("error_rate > 0.1")), HttpStatusCode.BadRequest, "not a signal", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("error_rate[5x]")), HttpStatusCode.BadRequest, "malformed window", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("error_rate[5m")), HttpStatusCode.BadRequest, "malformed window", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("cost_usd[3d]", 10)), HttpStatusCode.BadRequest, "out of range", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("error_rate[30s]")), HttpStatusCode.BadRequest, "out of range", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("error_rate[90s]")), HttpStatusCode.BadRequest, "not a whole number of minutes", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("error_rate", 1.5)), HttpStatusCode.BadRequest, "ratio between 0 and 1", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("latency_p95", -1)), HttpStatusCode.BadRequest, "negative", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("latency_p95", 2, new Dictionary<string, string> { ["alertname"] = "mine" })), HttpStatusCode.BadRequest, "'alertname' is not a usable", state);
        await AssertRejectedAsync(() => PostAsync(state, Rule("latency_p95", 2, new Dictionary<string, string> { ["bad-key"] = "v" })), HttpStatusCode.BadRequest, "'bad-key'", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { expression = "p95" }), HttpStatusCode.BadRequest, "'p95' is not a signal", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { expression = "context_relevance", threshold = 2 }), HttpStatusCode.BadRequest, "ratio", state);

        // Accepted forms are stored canonical; the kind follows the signal when none is given.
        var rule = await OkAsync(PostAsync(state, new { name = Unique("ok"), expression = "  Cost_USD [ 24h ] ", threshold = 50 }), HttpStatusCode.Created);
        Assert.Equal("cost_usd[1d]", rule.GetProperty("expression").GetString());
        Assert.Equal("cost", rule.GetProperty("kind").GetString());
        Assert.Equal("api", rule.GetProperty("source").GetString());
    }

    [BackendFact]
    public async Task Kind_FollowsTheExpression_AGivenKindMustFit_ABadExpressionIsTheOnlyError()
    {
        var state = "/api/v1/alerts/rules";
        var rule = await OkAsync(PostAsync(state, new { name = Unique("kind"), expression = "error_rate[5m]", threshold = 0.1 }), HttpStatusCode.Created);
        var id = rule.GetProperty("id").GetInt64();
        Assert.Equal("error_rate", rule.GetProperty("kind").GetString());

        // A new expression brings its kind; a generic kind given explicitly stays through later edits.
        var edited = await OkAsync(PutAsync($"{state}/{id}", new { expression = "cost_usd[1h]", threshold = 5 }));
        Assert.Equal("cost_usd[1h]", edited.GetProperty("expression").GetString());
        Assert.Equal("cost", edited.GetProperty("kind").GetString());
        Assert.Equal("threshold", (await OkAsync(PutAsync($"{state}/{id}", new { kind = "threshold" }))).GetProperty("kind").GetString());
        Assert.Equal("threshold", (await OkAsync(PutAsync($"{state}/{id}", new { threshold = 6 }))).GetProperty("kind").GetString());
        Assert.Equal("latency", (await OkAsync(PutAsync($"{state}/{id}", new { expression = "latency_p95", kind = "latency", threshold = 2 }))).GetProperty("kind").GetString());

        // A kind that contradicts the expression: 400 on create and update, nothing stored.
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("r2"), expression = "cost_usd[1h]", threshold = 1, kind = "drift" }), HttpStatusCode.BadRequest, "'drift' does not fit the expression cost_usd[1h]", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { expression = "cost_usd[1h]", kind = "error_rate" }), HttpStatusCode.BadRequest, "kind cost", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { kind = "evaluation_score" }), HttpStatusCode.BadRequest, "does not fit", state);

        // A bad expression is reported alone: no kind error for a kind nobody sent.
        var bad = await PostAsync(state, new { name = Unique("r"), expression = "error_rate[0m]", threshold = 0.1 });
        AssertProblem(bad, HttpStatusCode.BadRequest, "out of range");
        Assert.DoesNotContain("kind", bad.Body.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.False(bad.Body.GetProperty("errors").TryGetProperty("kind", out _));
        AssertProblem(await PostAsync(state, new { name = Unique("r"), expression = "error_rate[0m]", threshold = 0.1, kind = "weather" }), HttpStatusCode.BadRequest, "kind: must be one of");
    }

    [BackendFact]
    public async Task Unmute_RuleNotMuted_409NothingRecorded_MutedRuleUnmutedOnce()
    {
        var id = await CreateRuleAsync("warning");
        var state = $"/api/v1/alerts/history?ruleId={id}";
        await AssertRejectedAsync(() => PostAsync($"/api/v1/alerts/rules/{id}/unmute"), HttpStatusCode.Conflict, "is not muted", state);
        await OkAsync(PostAsync($"/api/v1/alerts/rules/{id}/mute", new { minutes = 5 }));
        var unmuted = await OkAsync(PostAsync($"/api/v1/alerts/rules/{id}/unmute"));
        Assert.Equal(JsonValueKind.Null, unmuted.GetProperty("mutedUntil").ValueKind);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/alerts/rules/{id}/unmute"), HttpStatusCode.Conflict, "is not muted", state);
        var history = await OkAsync(GetAsync(state));
        Assert.Equal(["unmuted", "muted"], history.EnumerateArray().Select(h => h.GetProperty("event").GetString()));
    }

    [BackendFact]
    public async Task History_UnknownEvent_400NamingTheEvents()
    {
        AssertProblem(await GetAsync("/api/v1/alerts/history?event=bogus"), HttpStatusCode.BadRequest, "event must be one of fired, resolved, acknowledged, muted, unmuted");
        foreach (var ev in new[] { "fired", "resolved", "acknowledged", "muted", "unmuted" })
        {
            await OkAsync(GetAsync($"/api/v1/alerts/history?event={ev}&limit=1"));
        }
    }

    [BackendFact]
    public async Task Migration3_DatabaseFromBeforeEvaluation_MarksConfigRowsAndFixesUntouchedSeeds()
    {
        var location = await Backend.CreateAsync(Fixture.Provider, "alertmig");
        await using (var old = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location)))
        {
            // Back to the version 2 schema and data: no source column, the old seed expressions (enabled), a row
            // mirroring a configured rule, and a user rule with a legacy expression.
            await old.ExecuteSqlAsync("ALTER TABLE alert_rules DROP COLUMN source");
            await old.ExecuteSqlAsync("DELETE FROM mgmt_schema_migrations WHERE version = 3");
            await old.ExecuteSqlAsync("UPDATE alert_rules SET expression = 'llmops:error_rate:5m', enabled = 1 WHERE name = 'High error rate'");
            await old.ExecuteSqlAsync("UPDATE alert_rules SET name = 'Hallucination drift', kind = 'drift', expression = 'llmops:evaluation_score_drift:hallucination', enabled = 1 WHERE name = 'High hallucination rate'");
            await old.ExecuteSqlAsync("UPDATE alert_rules SET expression = 'llmops:latency_p95_seconds:5m', threshold = 9, enabled = 1 WHERE name = 'Slow responses'");
            await old.ExecuteSqlAsync("""
                INSERT INTO alert_rules (name, kind, expression, operator, threshold, for_seconds, severity, labels, enabled, created_at, updated_at)
                VALUES ('LlmOpsErrorRateHigh', 'error_rate', 'sum(rate(x[5m]))', 'gt', 0.05, 300, 'critical', '{"rule_id":"error-rate-high","source":"llmops"}', 1, 0, 0),
                       ('Mine', 'custom', 'my:recording:rule', 'gt', 1, 0, 'warning', '{"team":"ops"}', 1, 0, 0)
                """);
        }

        await using var app = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location));
        Assert.Equal(LlmOps.Management.Data.ManagementMigrations.All.Count, await app.ScalarAsync("SELECT COUNT(*) FROM mgmt_schema_migrations"));
        var rules = (await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/alerts/rules").WaitAsync(TimeSpan.FromSeconds(30))).EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("config", rules["LlmOpsErrorRateHigh"].GetProperty("source").GetString());
        Assert.Equal("api", rules["Mine"].GetProperty("source").GetString());
        Assert.Equal("my:recording:rule", rules["Mine"].GetProperty("expression").GetString());
        Assert.Equal("error_rate[5m]", rules["High error rate"].GetProperty("expression").GetString());
        Assert.False(rules["High error rate"].GetProperty("enabled").GetBoolean());
        Assert.Equal("hallucination_rate[1h]", rules["High hallucination rate"].GetProperty("expression").GetString());
        Assert.Equal("evaluation_score", rules["High hallucination rate"].GetProperty("kind").GetString());
        Assert.False(rules.ContainsKey("Hallucination drift"));
        Assert.Equal("latency_p95[5m]", rules["Slow responses"].GetProperty("expression").GetString());
        Assert.Equal(9, rules["Slow responses"].GetProperty("threshold").GetDouble());

        // The legacy user rule can be disabled as it is, but not (re-)enabled before its expression is fixed.
        var mine = rules["Mine"].GetProperty("id").GetInt64();
        using (var disable = await app.Client.PutAsJsonAsync($"/api/v1/alerts/rules/{mine}", new { enabled = false }).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        using var enable = await app.Client.PutAsJsonAsync($"/api/v1/alerts/rules/{mine}", new { enabled = true }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.BadRequest, enable.StatusCode);
        Assert.Contains("my:recording:rule", await enable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<long> CreateRuleAsync(string severity) =>
        (await OkAsync(PostAsync("/api/v1/alerts/rules", new { name = Unique("rule"), kind = "error_rate", expression = "error_rate", @operator = "gt", threshold = 0.05, forSeconds = 60, severity, labels = new { team = "ops" } }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
}
