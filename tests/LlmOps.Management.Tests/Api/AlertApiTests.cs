using System.Net;
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
        Assert.Contains(rules.EnumerateArray(), r => r.GetProperty("name").GetString() == "High error rate");
        var id = await CreateRuleAsync("critical");
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
        await AssertRejectedAsync(() => PostAsync(state, new { name, kind = "latency", expression = "x", threshold = 1 }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("r"), kind = "latency", expression = "x" }), HttpStatusCode.BadRequest, "threshold", state);
        await AssertRejectedAsync(() => PostAsync(state, new { name = Unique("r"), kind = "weather", expression = "x", threshold = 1, severity = "meh", @operator = "about" }), HttpStatusCode.BadRequest, "severity", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/{id}", new { name = "High error rate" }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PostAsync($"{state}/{id}/mute", new { minutes = 0 }), HttpStatusCode.BadRequest, "minutes", state);
        await AssertRejectedAsync(() => PostAsync($"{state}/77777/mute", new { minutes = 5 }), HttpStatusCode.NotFound, "no alert rule", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/alerts/77777/acknowledge", new { }), HttpStatusCode.NotFound, "no alert with id", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/alerts/abc/acknowledge", new { }), HttpStatusCode.BadRequest, "not a valid alert id", state);
    }

    private async Task<long> CreateRuleAsync(string severity) =>
        (await OkAsync(PostAsync("/api/v1/alerts/rules", new { name = Unique("rule"), kind = "error_rate", expression = "llmops:error_rate:5m", @operator = "gt", threshold = 0.05, forSeconds = 60, severity, labels = new { team = "ops" } }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
}
