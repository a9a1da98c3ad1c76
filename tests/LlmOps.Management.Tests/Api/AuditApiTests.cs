using System.Net;
using System.Net.Http.Json;
using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public abstract class AuditApiTests : ApiTestBase
{
    private protected AuditApiTests(AppFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task List_MutatingCalls_AppearWithFiltersSearchAndExport()
    {
        var name = Unique("audited");
        await OkAsync(PostAsync("/api/v1/datasets", new { name }), HttpStatusCode.Created);
        await OkAsync(PostAsync("/api/v1/prompts", new { name, template = "x" }), HttpStatusCode.Created);
        var search = await OkAsync(GetAsync($"/api/v1/audit?q={name.ToUpperInvariant()}"));
        var items = search.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(["prompt", "dataset"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.All(items, i => Assert.Equal("anonymous", i.GetProperty("actor").GetString()));
        Assert.Equal(name, items[1].GetProperty("details").GetProperty("name").GetString());
        var datasets = await OkAsync(GetAsync($"/api/v1/audit?type=dataset&action=create&q={name}"));
        Assert.Single(datasets.GetProperty("items").EnumerateArray());
        Assert.Empty((await OkAsync(GetAsync("/api/v1/audit?q=%25_no_such_thing_%25"))).GetProperty("items").EnumerateArray());
        var page = await OkAsync(GetAsync("/api/v1/audit?limit=1"));
        var before = page.GetProperty("nextBeforeId").GetInt64();
        var older = await OkAsync(GetAsync($"/api/v1/audit?limit=1&beforeId={before}"));
        Assert.True(older.GetProperty("items")[0].GetProperty("id").GetInt64() < before);

        using var csv = await Client.GetAsync($"/api/v1/audit/export?q={name}").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,timestamp,type,action,actor,details,prev_hash,hash", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.True((await OkAsync(GetAsync("/api/v1/audit/verify"))).GetProperty("valid").GetBoolean());
    }

    [BackendFact]
    public async Task Verify_RowEditedInDatabase_ReportsFirstBrokenEntry()
    {
        await using var app = await StartFreshAppAsync();
        for (var i = 0; i < 5; i++)
        {
            using var r = await app.Client.PostAsJsonAsync("/api/v1/datasets", new { name = $"tamper-{i}" }).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        var ok = await app.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/audit/verify").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ok.GetProperty("valid").GetBoolean());
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        Assert.Equal(ok.GetProperty("entriesChecked").GetInt64(), head);

        var target = head - 2;
        await app.ExecuteSqlAsync($"UPDATE mgmt_audit_log SET details = '{{\"name\":\"forged\"}}' WHERE seq = {target}");
        await app.ExecuteSqlAsync($"UPDATE mgmt_audit_log SET actor = 'mallory' WHERE seq = {target + 1}");
        var broken = await app.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/audit/verify").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(broken.GetProperty("valid").GetBoolean());
        Assert.Equal(target, broken.GetProperty("firstBrokenId").GetInt64());
        Assert.Contains("modified", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task Verify_RowDeletedInDatabase_ReportsGap()
    {
        await using var app = await StartFreshAppAsync();
        for (var i = 0; i < 4; i++)
        {
            using var r = await app.Client.PostAsJsonAsync("/api/v1/datasets", new { name = $"gap-{i}" }).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }

        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        await app.ExecuteSqlAsync($"DELETE FROM mgmt_audit_log WHERE seq = {head - 1}");
        var broken = await app.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/audit/verify").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(broken.GetProperty("valid").GetBoolean());
        Assert.Equal(head, broken.GetProperty("firstBrokenId").GetInt64());
        Assert.Contains("missing", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);

        await app.ExecuteSqlAsync($"DELETE FROM mgmt_audit_log WHERE seq >= {head - 1}");
        var truncated = await app.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/audit/verify").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(truncated.GetProperty("valid").GetBoolean());
        Assert.Equal(head - 1, truncated.GetProperty("firstBrokenId").GetInt64());
        Assert.Contains("end of the log", truncated.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task InvalidQueries_Rejected_With400()
    {
        AssertProblem(await GetAsync("/api/v1/audit?limit=100000"), HttpStatusCode.BadRequest, "'limit'");
        AssertProblem(await GetAsync("/api/v1/audit?from=not-a-date"), HttpStatusCode.BadRequest, "ISO-8601");
        AssertProblem(await GetAsync("/api/v1/audit?beforeId=-3"), HttpStatusCode.BadRequest, "beforeId");
        AssertProblem(await GetAsync("/api/v1/no-such-endpoint"), HttpStatusCode.NotFound, "no management endpoint");
    }
}
