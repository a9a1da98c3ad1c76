using System.Net;
using System.Text.Json;
using LlmOps.Management.Datasets;
using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public abstract class DatasetApiTests : ApiTestBase
{
    private protected DatasetApiTests(AppFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task List_FirstStart_HasSeededDatasetsWithItems()
    {
        var list = await OkAsync(GetAsync("/api/v1/datasets"));
        foreach (var name in new[] { "Q&A Golden Set", "Safety-Critical Scenarios", "Multi-Hop Reasoning" })
        {
            var d = list.EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
            Assert.True(d.GetProperty("itemCount").GetInt64() >= 5);
        }

        var evaluators = await OkAsync(GetAsync("/api/v1/dataset-evaluators"));
        Assert.Equal(["contains_expected", "context_grounding", "exact_match", "token_f1"], evaluators.EnumerateArray().Select(e => e.GetString()));
    }

    [BackendFact]
    public async Task Items_CrudAndFilter_Work()
    {
        var id = await CreateDatasetAsync();
        var item = await OkAsync(PostAsync($"/api/v1/datasets/{id}/items", new { input = "q1", expectedOutput = "a1", context = "c1", verificationStatus = "verified", metadata = new { source = "test" } }), HttpStatusCode.Created);
        var itemId = item.GetProperty("id").GetInt64();
        Assert.Equal("test", item.GetProperty("metadata").GetProperty("source").GetString());
        var bulk = await OkAsync(PostAsync($"/api/v1/datasets/{id}/items", new object[] { new { input = "q2" }, new { input = "q3", verificationStatus = "rejected" } }), HttpStatusCode.Created);
        Assert.Equal(2, bulk.GetArrayLength());

        var verified = await OkAsync(GetAsync($"/api/v1/datasets/{id}/items?status=verified"));
        Assert.Equal(["q1"], verified.EnumerateArray().Select(i => i.GetProperty("input").GetString()));
        var page = await OkAsync(GetAsync($"/api/v1/datasets/{id}/items?limit=2"));
        Assert.Equal(2, page.GetArrayLength());
        var next = await OkAsync(GetAsync($"/api/v1/datasets/{id}/items?afterId={page[1].GetProperty("id").GetInt64()}"));
        Assert.Equal(["q3"], next.EnumerateArray().Select(i => i.GetProperty("input").GetString()));

        var updated = await OkAsync(PutAsync($"/api/v1/datasets/{id}/items/{itemId}", new { verificationStatus = "needs_review" }));
        Assert.Equal("needs_review", updated.GetProperty("verificationStatus").GetString());
        Assert.Equal("a1", updated.GetProperty("expectedOutput").GetString());
        await OkAsync(DeleteAsync($"/api/v1/datasets/{id}/items/{itemId}"), HttpStatusCode.NoContent);
        AssertProblem(await GetAsync($"/api/v1/datasets/{id}/items/{itemId}"), HttpStatusCode.NotFound, $"no item {itemId}");
        Assert.Equal(2, (await OkAsync(GetAsync($"/api/v1/datasets/{id}"))).GetProperty("itemCount").GetInt64());
    }

    [BackendFact]
    public async Task ExportCsv_FormulaLikeCells_StartWithApostrophe_AndImportBackUnchanged()
    {
        var id = await CreateDatasetAsync();
        await OkAsync(SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import?format=json", rawBody: """[{"input":"=HYPERLINK(\"http://x.invalid\",\"open\")","expectedOutput":"-5 degrees"},{"input":"@SUM(A1)","expectedOutput":"'=kept"},{"input":"plain","expectedOutput":"x"}]"""));

        using var csv = await Client.GetAsync($"/api/v1/datasets/{id}/export?format=csv").WaitAsync(TimeSpan.FromSeconds(30));
        var rows = CsvCodec.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal("'=HYPERLINK(\"http://x.invalid\",\"open\")", rows[1][0]);
        Assert.Equal("'-5 degrees", rows[1][1]);
        Assert.Equal("'@SUM(A1)", rows[2][0]);
        Assert.Equal("''=kept", rows[2][1]);
        Assert.Equal("plain", rows[3][0]);

        var copy = await CreateDatasetAsync();
        await OkAsync(SendAsync(HttpMethod.Post, $"/api/v1/datasets/{copy}/import?format=csv", rawBody: await csv.Content.ReadAsStringAsync(), contentType: "text/csv"));
        var original = await OkAsync(GetAsync($"/api/v1/datasets/{id}/export?format=json"));
        var imported = await OkAsync(GetAsync($"/api/v1/datasets/{copy}/export?format=json"));
        Assert.Equal(original.GetRawText(), imported.GetRawText());
    }

    [BackendFact]
    public async Task ImportExport_CsvAndJson_RoundTrip()
    {
        var id = await CreateDatasetAsync();
        const string Csv = "input,expected_output,context,verification_status,line\r\n\"What, exactly?\",\"Say \"\"hi\"\"\",\"two\nlines\",verified,L1\r\nplain,,,,L2\r\n";
        var imported = await OkAsync(SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import", rawBody: Csv, contentType: "text/csv"));
        Assert.Equal(2, imported.GetProperty("imported").GetInt32());
        var items = await OkAsync(GetAsync($"/api/v1/datasets/{id}/items"));
        Assert.Equal("What, exactly?", items[0].GetProperty("input").GetString());
        Assert.Equal("Say \"hi\"", items[0].GetProperty("expectedOutput").GetString());
        Assert.Equal("two\nlines", items[0].GetProperty("context").GetString());
        Assert.Equal("L1", items[0].GetProperty("metadata").GetProperty("line").GetString());
        Assert.Equal("unverified", items[1].GetProperty("verificationStatus").GetString());

        await OkAsync(SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import?format=json", rawBody: """[{"input":"from json","expectedOutput":"x","metadata":{"k":1}}]"""));

        using var csv = await Client.GetAsync($"/api/v1/datasets/{id}/export?format=csv").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvText = await csv.Content.ReadAsStringAsync();
        var copy = await CreateDatasetAsync();
        await OkAsync(SendAsync(HttpMethod.Post, $"/api/v1/datasets/{copy}/import?format=csv", rawBody: csvText, contentType: "text/csv"));
        var json = await OkAsync(GetAsync($"/api/v1/datasets/{id}/export?format=json"));
        var jsonCopy = await OkAsync(GetAsync($"/api/v1/datasets/{copy}/export?format=json"));
        Assert.Equal(3, json.GetArrayLength());
        Assert.Equal(json.GetRawText(), jsonCopy.GetRawText());
    }

    [BackendFact]
    public async Task Export_NonAsciiName_AsciiFallbackAndUtf8FileName()
    {
        var name = Unique("données été");
        var id = (await OkAsync(PostAsync("/api/v1/datasets", new { name }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await OkAsync(PostAsync($"/api/v1/datasets/{id}/items", new { input = "q" }), HttpStatusCode.Created);
        var suffix = name["données été-".Length..];
        foreach (var format in new[] { "json", "csv" })
        {
            using var response = await Client.GetAsync($"/api/v1/datasets/{id}/export?format={format}").WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                $"attachment; filename=\"donn_es__t__{suffix}.{format}\"; filename*=UTF-8''donn%C3%A9es_%C3%A9t%C3%A9_{suffix}.{format}",
                response.Content.Headers.GetValues("Content-Disposition").Single());
            Assert.Equal($"données_été_{suffix}.{format}", response.Content.Headers.ContentDisposition?.FileNameStar);
        }
    }

    [BackendFact]
    public async Task InvalidRequests_Rejected_With4xxAndNothingChanged()
    {
        var id = await CreateDatasetAsync();
        await OkAsync(PostAsync($"/api/v1/datasets/{id}/items", new { input = "keep" }), HttpStatusCode.Created);
        var state = $"/api/v1/datasets/{id}/items";
        var name = (await OkAsync(GetAsync($"/api/v1/datasets/{id}"))).GetProperty("name").GetString();
        await AssertRejectedAsync(() => PostAsync("/api/v1/datasets", new { name }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/datasets", new { description = "no name" }), HttpStatusCode.BadRequest, "name: is required", state);
        await AssertRejectedAsync(() => PostAsync(state, new object[] { new { input = "ok" }, new { input = "" }, new { input = "x", verificationStatus = "maybe" } }), HttpStatusCode.BadRequest, "items[1].input", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, state, rawBody: "[null]"), HttpStatusCode.BadRequest, "items[0]: null item", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, state, rawBody: """[{"input":"a"},null]"""), HttpStatusCode.BadRequest, "items[1]: null item", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import", rawBody: "question,answer\r\nq,a\r\n", contentType: "text/csv"), HttpStatusCode.BadRequest, "no 'input' column", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import", rawBody: "input,context\r\nok,c\r\nbad\r\n", contentType: "text/csv"), HttpStatusCode.BadRequest, "rows[3]", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import", rawBody: "input\r\n\"open", contentType: "text/csv"), HttpStatusCode.BadRequest, "not closed", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import?format=json", rawBody: """[{"input":"a"},{"input":"b","verificationStatus":"nope"}]"""), HttpStatusCode.BadRequest, "verificationStatus", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/import?format=xml", rawBody: "<x/>"), HttpStatusCode.BadRequest, "format must be", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/datasets/999999/items"), HttpStatusCode.NotFound, "no dataset with id 999999", state);
        await AssertRejectedAsync(() => GetAsync("/api/v1/datasets/x1/items"), HttpStatusCode.BadRequest, "not a valid id", state);
        await AssertRejectedAsync(() => GetAsync($"/api/v1/datasets/{id}/items?limit=0"), HttpStatusCode.BadRequest, "'limit'", state);
        await AssertRejectedAsync(() => PutAsync($"/api/v1/datasets/{id}/items/999999", new { input = "x" }), HttpStatusCode.NotFound, "no item", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/datasets/{id}/runs", new { promptName = "Factory Assistant System", evaluators = new[] { "nope" } }), HttpStatusCode.BadRequest, "unknown evaluator 'nope'", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/datasets/{id}/runs", new { promptName = "Factory Assistant System", evaluators = new[] { "token_f1" }, thresholds = new { token_f1 = 1.5 } }), HttpStatusCode.BadRequest, "thresholds.token_f1", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/runs", rawBody: """{"promptName":"Factory Assistant System","evaluators":[null]}"""), HttpStatusCode.BadRequest, "evaluators: null is not an evaluator name", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, $"/api/v1/datasets/{id}/runs", rawBody: """{"promptName":"Factory Assistant System","evaluators":["token_f1",null]}"""), HttpStatusCode.BadRequest, "null is not an evaluator name", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/datasets/{id}/runs", new { promptName = "Factory Assistant System", promptLabel = "nolabel" }), HttpStatusCode.UnprocessableEntity, "no label 'nolabel'", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/datasets/{id}/runs", new { promptName = "Factory Assistant System", promptVersion = 99 }), HttpStatusCode.UnprocessableEntity, "no version 99", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/datasets/{id}/runs", new { promptName = "Factory Assistant System", model = "gpt-4o" }), HttpStatusCode.UnprocessableEntity, "none is configured", state);
        await AssertRejectedAsync(() => PostAsync($"/api/v1/datasets/{id}/runs", new { promptName = "missing prompt" }), HttpStatusCode.NotFound, "no prompt named", state);
        var empty = await CreateDatasetAsync();
        await AssertRejectedAsync(() => PostAsync($"/api/v1/datasets/{empty}/runs", new { promptName = "Factory Assistant System" }), HttpStatusCode.UnprocessableEntity, "no items", state);
    }

    [BackendFact]
    public async Task Run_FakeModel_CompletesWithSummaryBreakdownAndTrend()
    {
        var golden = await DatasetIdAsync("Q&A Golden Set");
        var run = await StartRunAsync(golden, new { promptName = "Factory Assistant System", evaluators = new[] { "token_f1", "exact_match", "context_grounding" }, thresholds = new { token_f1 = 0.8, context_grounding = 0.0 } });
        Assert.Equal("production", run.GetProperty("promptLabel").GetString());
        var done = await WaitForRunAsync(run.GetProperty("id").GetInt64());
        var summary = done.GetProperty("summary");
        var items = done.GetProperty("total").GetInt64();
        Assert.Equal(items, done.GetProperty("done").GetInt64());
        Assert.Equal(1.0, summary.GetProperty("passRate").GetDouble(), 6);
        Assert.True(summary.GetProperty("averageLatencyMs").GetDouble() > 0);
        Assert.True(summary.GetProperty("totalCostUsd").GetDouble() > 0);
        var metrics = summary.GetProperty("metrics");
        Assert.Equal(1.0, metrics.GetProperty("token_f1").GetProperty("average").GetDouble(), 6);
        Assert.Equal(0.8, metrics.GetProperty("token_f1").GetProperty("threshold").GetDouble(), 6);
        Assert.Equal(0.5, metrics.GetProperty("exact_match").GetProperty("threshold").GetDouble(), 6);
        var results = await OkAsync(GetAsync($"/api/v1/runs/{done.GetProperty("id").GetInt64()}/results"));
        Assert.Equal(items, results.GetArrayLength());
        Assert.True(results[0].GetProperty("scores").GetProperty("token_f1").GetProperty("score").GetDouble() > 0.99);

        var noisy = await WaitForRunAsync((await StartRunAsync(golden, new { promptName = "Factory Assistant System", evaluators = new[] { "token_f1" }, noise = 1.0 })).GetProperty("id").GetInt64());
        Assert.True(noisy.GetProperty("summary").GetProperty("passRate").GetDouble() < 0.5);
        var trend = await OkAsync(GetAsync($"/api/v1/datasets/{golden}/trend"));
        var points = trend.EnumerateArray().Select(p => p.GetProperty("runId").GetInt64()).ToList();
        Assert.Contains(done.GetProperty("id").GetInt64(), points);
        Assert.True(points.IndexOf(done.GetProperty("id").GetInt64()) < points.IndexOf(noisy.GetProperty("id").GetInt64()));
    }

    [BackendFact]
    public async Task Run_ProductionLabelSwitched_NextRunUsesNewVersionAndSdkFetchesIt()
    {
        var prompt = Unique("prompt");
        await OkAsync(PostAsync("/api/v1/prompts", new { name = prompt, template = "Answer {{input}} from {{context}}", labels = new[] { "production" } }), HttpStatusCode.Created);
        await OkAsync(PostAsync($"/api/v1/prompts/{prompt}/versions", new { template = "Answer briefly: {{input}} using {{context}}" }), HttpStatusCode.Created);
        var dataset = await DatasetIdAsync("Multi-Hop Reasoning");
        var first = await WaitForRunAsync((await StartRunAsync(dataset, new { promptName = prompt })).GetProperty("id").GetInt64());
        Assert.Equal(1, first.GetProperty("promptVersion").GetInt64());
        Assert.Equal(1, (await OkAsync(GetAsync($"/api/v1/prompts/{prompt}/resolve?label=production"))).GetProperty("version").GetInt64());

        await OkAsync(PutAsync($"/api/v1/prompts/{prompt}/labels/production", new { version = 2 }));
        Assert.Equal(2, (await OkAsync(GetAsync($"/api/v1/prompts/{prompt}/resolve?label=production"))).GetProperty("version").GetInt64());
        var second = await WaitForRunAsync((await StartRunAsync(dataset, new { promptName = prompt })).GetProperty("id").GetInt64());
        Assert.Equal(2, second.GetProperty("promptVersion").GetInt64());
        Assert.Equal(1, (await OkAsync(GetAsync($"/api/v1/runs/{first.GetProperty("id").GetInt64()}"))).GetProperty("promptVersion").GetInt64());
    }

    [BackendFact]
    public async Task Compare_CleanVersusNoisyRuns_RecommendsBaselineWithConfidence()
    {
        var dataset = await CreateDatasetAsync();
        var items = Enumerable.Range(1, 30).Select(i => new { input = $"question {i}", expectedOutput = $"the answer number {i} is correct", context = $"fact {i}" }).ToArray();
        await OkAsync(PostAsync($"/api/v1/datasets/{dataset}/items", items), HttpStatusCode.Created);
        var clean = await WaitForRunAsync((await StartRunAsync(dataset, new { promptName = "Factory Assistant System", evaluators = new[] { "token_f1" } })).GetProperty("id").GetInt64());
        var noisy = await WaitForRunAsync((await StartRunAsync(dataset, new { promptName = "Factory Assistant System", evaluators = new[] { "token_f1" }, noise = 0.6 })).GetProperty("id").GetInt64());
        var cmp = await OkAsync(GetAsync($"/api/v1/runs/compare?baseline={clean.GetProperty("id").GetInt64()}&candidate={noisy.GetProperty("id").GetInt64()}"));
        Assert.Equal(30, cmp.GetProperty("pairedItems").GetInt32());
        Assert.Equal("paired t-test", cmp.GetProperty("test").GetString());
        Assert.True(cmp.GetProperty("pValue").GetDouble() < 0.01, cmp.GetRawText());
        Assert.Equal("baseline", cmp.GetProperty("winner").GetString());
        Assert.True(cmp.GetProperty("confidence").GetDouble() > 0.99);
        Assert.True(cmp.GetProperty("significant").GetBoolean());

        var same = await OkAsync(GetAsync($"/api/v1/runs/compare?baseline={clean.GetProperty("id").GetInt64()}&candidate={clean.GetProperty("id").GetInt64()}"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("different runs", same.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<long> CreateDatasetAsync() =>
        (await OkAsync(PostAsync("/api/v1/datasets", new { name = Unique("ds"), description = "test" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    private async Task<long> DatasetIdAsync(string name) =>
        (await OkAsync(GetAsync("/api/v1/datasets"))).EnumerateArray().Single(d => d.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();

    private Task<JsonElement> StartRunAsync(long dataset, object request) =>
        OkAsync(PostAsync($"/api/v1/datasets/{dataset}/runs", request), HttpStatusCode.Accepted);

    private async Task<JsonElement> WaitForRunAsync(long runId)
    {
        var run = await EventuallyAsync(
            async () => await OkAsync(GetAsync($"/api/v1/runs/{runId}")).ConfigureAwait(false),
            r => r.GetProperty("status").GetString() is "completed" or "failed",
            TimeSpan.FromSeconds(60));
        Assert.Equal("completed", run.GetProperty("status").GetString());
        return run;
    }
}
