using System.Net;
using System.Text.Json;
using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public abstract class PromptApiTests : ApiTestBase
{
    private protected PromptApiTests(AppFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task List_FirstStart_HasSeededPrompts()
    {
        var list = await OkAsync(GetAsync("/api/v1/prompts"));
        var names = list.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("Factory Assistant System", names);
        Assert.Contains("Safety Issue Classifier", names);
        var resolved = await OkAsync(GetAsync("/api/v1/prompts/Factory%20Assistant%20System/resolve?label=production"));
        Assert.Equal(2, resolved.GetProperty("version").GetInt64());
        Assert.Equal(["context", "input"], resolved.GetProperty("variables").EnumerateArray().Select(v => v.GetString()).Order());
    }

    [BackendFact]
    public async Task AddVersion_Edit_CreatesImmutableVersionWithVariablesAndDiffHistory()
    {
        var name = Unique("prompt");
        var created = await OkAsync(PostAsync("/api/v1/prompts", new { name, template = "Hello {{user}}", config = new { temperature = 0.3 }, labels = new[] { "production" } }), HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("versions")[0].GetProperty("version").GetInt64());
        var v2 = await OkAsync(PostAsync($"/api/v1/prompts/{name}/versions", new { template = "Hello {{ user }}, about {{topic}}", guidelines = "be kind", commitMessage = "topic" }), HttpStatusCode.Created);
        Assert.Equal(2, v2.GetProperty("version").GetInt64());
        Assert.Equal(["user", "topic"], v2.GetProperty("variables").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(0.3, v2.GetProperty("config").GetProperty("temperature").GetDouble());

        var v1 = await OkAsync(GetAsync($"/api/v1/prompts/{name}/versions/1"));
        Assert.Equal("Hello {{user}}", v1.GetProperty("template").GetString());
        Assert.Equal(["production"], v1.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));

        var diff = await OkAsync(GetAsync($"/api/v1/prompts/{name}/diff?from=1&to=2"));
        Assert.Contains("- Hello {{user}}", diff.GetProperty("template").GetString(), StringComparison.Ordinal);
        Assert.Contains("+ Hello {{ user }}, about {{topic}}", diff.GetProperty("template").GetString(), StringComparison.Ordinal);

        var history = await OkAsync(GetAsync($"/api/v1/prompts/{name}/history"));
        var latest = history[0];
        Assert.Equal("version_created", latest.GetProperty("action").GetString());
        Assert.Contains("# guidelines", latest.GetProperty("diff").GetString(), StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task Resolve_LabelMovedOrIfNoneMatch_ChangesAnswerOrReturns304()
    {
        var name = Unique("prompt");
        await OkAsync(PostAsync("/api/v1/prompts", new { name, template = "v1 {{x}}", labels = new[] { "production" } }), HttpStatusCode.Created);
        await OkAsync(PostAsync($"/api/v1/prompts/{name}/versions", new { template = "v2 {{x}}" }), HttpStatusCode.Created);

        using var first = await Client.GetAsync($"/api/v1/prompts/{name}/resolve?label=production").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag!.IsWeak);
        using var body1 = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(1, body1.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("v1 {{x}}", body1.RootElement.GetProperty("template").GetString());
        Assert.Equal(["x"], body1.RootElement.GetProperty("variables").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["production"], body1.RootElement.GetProperty("labels").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(JsonValueKind.Object, body1.RootElement.GetProperty("config").ValueKind);

        using (var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/prompts/{name}/resolve?label=production"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await Client.SendAsync(again).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        await OkAsync(PutAsync($"/api/v1/prompts/{name}/labels/production", new { version = 2 }));
        using (var after = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/prompts/{name}/resolve?label=production"))
        {
            after.Headers.IfNoneMatch.Add(etag);
            using var changed = await Client.SendAsync(after).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.NotEqual(etag, changed.Headers.ETag);
            using var body2 = JsonDocument.Parse(await changed.Content.ReadAsStringAsync());
            Assert.Equal(2, body2.RootElement.GetProperty("version").GetInt64());
        }

        var byVersion = await OkAsync(GetAsync($"/api/v1/prompts/{name}/resolve?version=1"));
        Assert.Equal("v1 {{x}}", byVersion.GetProperty("template").GetString());
        AssertProblem(await GetAsync("/api/v1/prompts/no-such-prompt/resolve?label=production"), HttpStatusCode.NotFound, "no prompt named");
        AssertProblem(await GetAsync($"/api/v1/prompts/{name}/resolve?label=staging"), HttpStatusCode.NotFound, "no label 'staging'");
        AssertProblem(await GetAsync($"/api/v1/prompts/{name}/resolve?version=9"), HttpStatusCode.NotFound, "no version 9");
    }

    [BackendFact]
    public async Task Rollback_AfterLabelMove_PutsLabelBackAndRecordsHistory()
    {
        var name = Unique("prompt");
        await OkAsync(PostAsync("/api/v1/prompts", new { name, template = "one", labels = new[] { "production" } }), HttpStatusCode.Created);
        await OkAsync(PostAsync($"/api/v1/prompts/{name}/versions", new { template = "two", labels = new[] { "production", "test" } }), HttpStatusCode.Created);
        Assert.Equal(2, (await OkAsync(GetAsync($"/api/v1/prompts/{name}/resolve"))).GetProperty("version").GetInt64());

        var rolled = await OkAsync(PostAsync($"/api/v1/prompts/{name}/rollback", new { label = "production" }));
        Assert.Equal(1, rolled.GetProperty("labels").GetProperty("production").GetInt64());
        Assert.Equal(2, rolled.GetProperty("labels").GetProperty("test").GetInt64());
        Assert.Equal("one", (await OkAsync(GetAsync($"/api/v1/prompts/{name}/resolve"))).GetProperty("template").GetString());
        var history = await OkAsync(GetAsync($"/api/v1/prompts/{name}/history"));
        Assert.Equal("rollback", history[0].GetProperty("action").GetString());
        Assert.Equal(2, history[0].GetProperty("fromVersion").GetInt64());
        Assert.Equal(1, history[0].GetProperty("toVersion").GetInt64());

        await OkAsync(DeleteAsync($"/api/v1/prompts/{name}/labels/test"));
        Assert.False((await OkAsync(GetAsync($"/api/v1/prompts/{name}"))).GetProperty("prompt").GetProperty("labels").TryGetProperty("test", out _));
    }

    [BackendFact]
    public async Task InvalidRequests_Rejected_With4xxAndNothingChanged()
    {
        var name = Unique("prompt");
        await OkAsync(PostAsync("/api/v1/prompts", new { name, template = "t {{a}}" }), HttpStatusCode.Created);
        var state = $"/api/v1/prompts/{name}";
        await AssertRejectedAsync(() => PostAsync("/api/v1/prompts", new { name, template = "again" }), HttpStatusCode.Conflict, "already exists", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/labels/production", new { version = 7 }), HttpStatusCode.UnprocessableEntity, "no such version", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/labels/Bad%20Label", new { version = 1 }), HttpStatusCode.BadRequest, "label", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/labels/production", new { }), HttpStatusCode.BadRequest, "version", state);
        await AssertRejectedAsync(() => PutAsync($"{state}/labels/production", new { version = "1" }), HttpStatusCode.BadRequest, "version", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/prompts", new { name = Unique("p") }), HttpStatusCode.BadRequest, "template: is required", state);
        await AssertRejectedAsync(() => SendAsync(HttpMethod.Post, "/api/v1/prompts", rawBody: "{\"name\": "), HttpStatusCode.BadRequest, "not valid JSON", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/prompts", new { name = Unique("p"), template = "x", unknownField = 1 }), HttpStatusCode.BadRequest, "unknownField", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/prompts", new { name = Unique("p"), template = "x", config = "not an object" }), HttpStatusCode.BadRequest, "config: must be a JSON object", state);
        await AssertRejectedAsync(() => PostAsync($"{state}/versions", new { template = "t {{a}}" }), HttpStatusCode.Conflict, "nothing changed", state);
        await AssertRejectedAsync(() => PostAsync("/api/v1/prompts/missing-prompt/versions", new { template = "x" }), HttpStatusCode.NotFound, "no prompt named", state);
        await AssertRejectedAsync(() => PostAsync($"{state}/rollback", new { label = "production" }), HttpStatusCode.UnprocessableEntity, "no label 'production'", state);
        await AssertRejectedAsync(() => GetAsync($"{state}/versions/abc"), HttpStatusCode.BadRequest, "not a valid version", state);
        await AssertRejectedAsync(() => GetAsync($"{state}/versions/5"), HttpStatusCode.NotFound, "no version 5", state);
        await AssertRejectedAsync(() => GetAsync($"{state}/diff?from=1"), HttpStatusCode.BadRequest, "'to'", state);
        await AssertRejectedAsync(() => GetAsync($"{state}/resolve?label=production&version=1"), HttpStatusCode.BadRequest, "not both", state);
        await AssertRejectedAsync(() => DeleteAsync($"{state}/labels/production"), HttpStatusCode.NotFound, "no label", state);
    }
}
