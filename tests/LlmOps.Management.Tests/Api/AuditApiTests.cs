using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Management.Audit;
using LlmOps.Management.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task Search_NonAsciiWords_FoundAsWritten()
    {
        var name = Unique("données-été");
        await OkAsync(PostAsync("/api/v1/datasets", new { name }), HttpStatusCode.Created);
        var items = (await OkAsync(GetAsync("/api/v1/audit?q=" + Uri.EscapeDataString(name)))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(name, Assert.Single(items).GetProperty("details").GetProperty("name").GetString());
        Assert.Empty((await OkAsync(GetAsync("/api/v1/audit?q=u00e9"))).GetProperty("items").EnumerateArray());
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
    public async Task Search_IndexedAndShortTerms_SameAsCaseInsensitiveSubstringOfEveryField()
    {
        await using var app = await StartFreshAppAsync();
        await AppendAsync(app, SearchCorpus);
        foreach (var term in new[] { "hydraulic", "HYDRAU", "ydr", "ALI", "mute", "rule", "50%", "_sa", "\"quo", "100%_", "ab", "x", "%", "no-such-thing", "Press Manual", "over 9000", "naïve" })
        {
            var expected = await ExpectedAsync(app, term);
            var actual = await SearchIdsAsync(app, term);
            Assert.True(expected.SequenceEqual(actual), $"q={term}: expected [{string.Join(",", expected)}] got [{string.Join(",", actual)}]");
        }

        Assert.Equal(2, (await SearchIdsAsync(app, "hydraulic")).Count);

        // Keyset paging through an indexed search, one entry per page.
        var all = await SearchIdsAsync(app, "press");
        var paged = new List<long>();
        long? before = null;
        do
        {
            var page = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?q=press&limit=1{(before is { } b ? $"&beforeId={b}" : string.Empty)}").WaitAsync(TimeSpan.FromSeconds(30));
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            before = page.GetProperty("nextBeforeId").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextBeforeId").GetInt64();
        }
        while (before is not null);
        Assert.Equal(all, paged);
        Assert.True(all.Count >= 3);

        // Filters combine with the search; the CSV export uses the same query.
        var filtered = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?q=press&type=prompt&actor=Alice").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Equal("prompt", i.GetProperty("type").GetString()));
        Assert.Single(filtered.GetProperty("items").EnumerateArray());
        var csv = await app.Client.GetStringAsync("/api/v1/audit/export?q=HYDRAULIC").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [BackendFact]
    public async Task Search_RowsEditedOrDeletedInDatabase_IndexFollowsAndVerifyStillReportsThem()
    {
        await using var app = await StartFreshAppAsync();
        await AppendAsync(app, SearchCorpus);
        var target = (await SearchIdsAsync(app, "Press Manual")).Single();
        await app.ExecuteSqlAsync($"UPDATE mgmt_audit_log SET details = '{{\"name\":\"forgedvalue\"}}' WHERE seq = {target}");
        Assert.Equal([target], await SearchIdsAsync(app, "FORGEDVALUE"));
        Assert.Empty(await SearchIdsAsync(app, "Press Manual"));
        var deleted = (await SearchIdsAsync(app, "over 9000")).Single();
        await app.ExecuteSqlAsync($"DELETE FROM mgmt_audit_log WHERE seq = {deleted}");
        Assert.Empty(await SearchIdsAsync(app, "over 9000"));
        foreach (var term in new[] { "hydraulic", "press", "rule" })
        {
            Assert.Equal(await ExpectedAsync(app, term), await SearchIdsAsync(app, term));
        }

        // The search index is derived data: verify walks the log itself and reports the first broken entry.
        var verify = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(target, verify.GetProperty("firstBrokenId").GetInt64());
    }

    [BackendFact]
    public async Task SearchIndex_DroppedFromExistingDatabase_RebuiltFromTheLogAtStart()
    {
        var location = await Backend.CreateAsync(Fixture.Provider, "auditidx");
        await using (var first = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location)))
        {
            await AppendAsync(first, SearchCorpus);
            await first.ExecuteSqlAsync(Fixture.Provider == ManagementDatabaseProvider.Postgres
                ? "DROP INDEX ix_mgmt_audit_search_trgm"
                : $"DROP TABLE {AuditSearchIndex.FtsTable}");
        }

        await using var second = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location));
        var index = second.Services.GetRequiredService<AuditSearchIndex>();
        if (Fixture.Provider == ManagementDatabaseProvider.Postgres)
        {
            Assert.True(index.PostgresTrigram);
            Assert.Equal(1, await second.ScalarAsync("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_mgmt_audit_search_trgm'"));

            // The index can serve the search's condition (an OR of ILIKEs over the four columns); on this tiny table
            // the planner would rather scan, so plain scans are switched off for the EXPLAIN.
            var plan = await second.Database.WriteAsync(
                async s =>
                {
                    await s.ExecuteAsync("SET LOCAL enable_seqscan = off", CancellationToken.None);
                    await s.ExecuteAsync("SET LOCAL enable_indexscan = off", CancellationToken.None);
                    return await s.QueryAsync(
                        "EXPLAIN SELECT seq FROM mgmt_audit_log l WHERE (l.details ILIKE @q OR l.action ILIKE @q OR l.type ILIKE @q OR l.actor ILIKE @q)",
                        r => r.GetString(0),
                        CancellationToken.None,
                        ("q", "%hydraulic%"));
                },
                CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains(plan, line => line.Contains("ix_mgmt_audit_search_trgm", StringComparison.Ordinal));
        }
        else
        {
            Assert.True(index.SqliteFts);
            Assert.True(index.UsesFts("hydraulic"));
            Assert.False(index.UsesFts("ab"));
        }

        foreach (var term in new[] { "hydraulic", "press", "ALI" })
        {
            var expected = await ExpectedAsync(second, term);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await SearchIdsAsync(second, term));
        }

        // New entries reach the rebuilt index through its triggers.
        await AppendAsync(second, [("dataset", "create", "erin", "{\"name\":\"hydraulic pump\"}")]);
        Assert.Equal(3, (await SearchIdsAsync(second, "hydraulic")).Count);
        Assert.True((await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify").WaitAsync(TimeSpan.FromSeconds(30))).GetProperty("valid").GetBoolean());
    }

    [BackendFact]
    public async Task InvalidQueries_Rejected_With400()
    {
        AssertProblem(await GetAsync("/api/v1/audit?limit=100000"), HttpStatusCode.BadRequest, "'limit'");
        AssertProblem(await GetAsync("/api/v1/audit?from=not-a-date"), HttpStatusCode.BadRequest, "ISO-8601");
        AssertProblem(await GetAsync("/api/v1/audit?beforeId=-3"), HttpStatusCode.BadRequest, "beforeId");

        // Unknown types are named, not answered with an empty page; time ranges are RFC 3339 / ISO-8601 and in order.
        AssertProblem(await GetAsync("/api/v1/audit?type=bogus"), HttpStatusCode.BadRequest, "type must be one of prompt, dataset");
        AssertProblem(await GetAsync("/api/v1/audit/export?type=bogus"), HttpStatusCode.BadRequest, "api_key");
        AssertProblem(await GetAsync("/api/v1/audit?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z"), HttpStatusCode.BadRequest, "'from'");
        AssertProblem(await GetAsync("/api/v1/audit?from=01/02/2026"), HttpStatusCode.BadRequest, "RFC 3339");
        AssertProblem(await GetAsync("/api/v1/audit?to=Jan%202%202026"), HttpStatusCode.BadRequest, "RFC 3339");
        AssertProblem(await GetAsync("/api/v1/audit?from=2026-01-02%2010:00:00"), HttpStatusCode.BadRequest, "RFC 3339");
        foreach (var time in new[] { "2020-01-01", "2020-01-01T00:00Z", "2020-01-01T00:00:00Z", "2020-01-01T02:00:00.123%2B02:00", "2020-01-01T00:00:00" })
        {
            await OkAsync(GetAsync($"/api/v1/audit?type=system&from={time}&to=2020-01-02T00:00:00Z"));
        }
        AssertProblem(await GetAsync("/api/v1/no-such-endpoint"), HttpStatusCode.NotFound, "no management endpoint");
    }

    private protected static readonly (string Type, string Action, string Actor, string Details)[] SearchCorpus =
    [
        ("prompt", "create", "Alice", "{\"name\":\"Hydraulic Press Manual\"}"),
        ("dataset", "update", "bob", "{\"note\":\"press the HYDRAULIC lever\"}"),
        ("settings", "update", "carol", "{\"text\":\"50% off_sale \\\"quoted\\\" 100%_x\"}"),
        ("alert_rule", "mute", "dave", "{\"x\":\"abstract\"}"),
        ("evaluator", "delete", "malice", "{\"power\":\"over 9000\",\"press\":1}"),
        ("prompt", "update", "frank", "{\"text\":\"naïve question\"}"),
    ];

    private protected static async Task AppendAsync(ManagementApp app, IReadOnlyList<(string Type, string Action, string Actor, string Details)> entries)
    {
        var audit = app.Services.GetRequiredService<SqlAuditLog>();
        await app.Database.WriteAsync(s => audit.AppendManyAsync(s, entries, CancellationToken.None), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The reference: every stored entry whose type, action, actor or details contains the term, ignoring case.</summary>
    private protected static async Task<List<long>> ExpectedAsync(ManagementApp app, string term)
    {
        var rows = await app.Database.ReadAsync(
            s => s.QueryAsync("SELECT seq, type, action, actor, details FROM mgmt_audit_log ORDER BY seq DESC", r => (Seq: r.GetInt64(0), Fields: new[] { r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4) }), CancellationToken.None),
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return [.. rows.Where(r => r.Fields.Any(f => f.Contains(term, StringComparison.OrdinalIgnoreCase))).Select(r => r.Seq)];
    }

    private protected static async Task<List<long>> SearchIdsAsync(ManagementApp app, string term)
    {
        var page = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?limit=500&q={Uri.EscapeDataString(term)}").WaitAsync(TimeSpan.FromSeconds(30));
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
    }
}
