using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Management.Settings;
using LlmOps.Management.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public abstract class SettingsApiTests : ApiTestBase
{
    private protected SettingsApiTests(AppFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task Put_ValidPartialSection_PersistsNotifiesAndReachesOtherReplica()
    {
        var all = await OkAsync(GetAsync("/api/v1/settings"));
        foreach (var section in new[] { "retrieval", "embedding", "generation", "hybrid-search", "guardrails", "project" })
        {
            Assert.Equal(JsonValueKind.Object, all.GetProperty(section).ValueKind);
        }

        var notifier = App.Services.GetRequiredService<ISettingsChangeNotifier>();
        var seen = new TaskCompletionSource<SettingsChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, SettingsChangedEventArgs e)
        {
            if (e.Section == "retrieval")
            {
                seen.TrySetResult(e);
            }
        }

        notifier.Changed += Handler;
        await using var replica = await StartReplicaAsync();
        try
        {
            var topK = Random.Shared.Next(2, 90);
            var put = await OkAsync(PutAsync("/api/v1/settings/retrieval", new { topK, chunkOverlap = 100 }));
            Assert.Equal(topK, put.GetProperty("value").GetProperty("topK").GetInt32());
            Assert.Equal(512, put.GetProperty("value").GetProperty("chunkSize").GetInt32());
            var change = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(topK, ((RetrievalSettings)change.Value).TopK);
            Assert.Equal(topK, notifier.Current<RetrievalSettings>().TopK);
            Assert.Equal(topK, (await OkAsync(GetAsync("/api/v1/settings/retrieval"))).GetProperty("value").GetProperty("topK").GetInt32());

            var other = replica.Services.GetRequiredService<ISettingsChangeNotifier>();
            await EventuallyAsync(() => Task.FromResult(other.Current<RetrievalSettings>().TopK), v => v == topK, TimeSpan.FromSeconds(15));
        }
        finally
        {
            notifier.Changed -= Handler;
        }

        await OkAsync(PutAsync("/api/v1/settings/hybrid-search", new { bm25Weight = 0.45, vectorWeight = 0.55 }));
        await OkAsync(PutAsync("/api/v1/settings/generation", new { temperature = 1.2, topP = 0.9, maxTokens = 2048 }));
        await OkAsync(PutAsync("/api/v1/settings/project", new { environment = "staging", webhookUrl = "https://hooks.example.test/T000/secret-token", simulatorSpikeFrequency = 0.2 }));
        var audit = await OkAsync(GetAsync("/api/v1/audit?type=settings&q=webhookUrl"));
        Assert.DoesNotContain("secret-token", audit.GetRawText(), StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task InvalidRequests_Rejected_With4xxAndNothingChanged()
    {
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/hybrid-search", new { bm25Weight = 0.5, vectorWeight = 0.6 }), HttpStatusCode.UnprocessableEntity, "sum to 1", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/generation", new { temperature = 2.5 }), HttpStatusCode.BadRequest, "temperature", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/retrieval", new { topK = 0, chunkSize = 100, chunkOverlap = 100 }), HttpStatusCode.BadRequest, "topK", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/retrieval", new { chunkSize = 100, chunkOverlap = 100 }), HttpStatusCode.UnprocessableEntity, "chunkOverlap", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/retrieval", new { topK = "five" }), HttpStatusCode.BadRequest, "invalid retrieval settings", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/retrieval", new { topK = "10" }), HttpStatusCode.BadRequest, "invalid retrieval settings", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/generation", new { temperature = "0.5" }), HttpStatusCode.BadRequest, "invalid generation settings", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/retrieval", new { topKay = 5 }), HttpStatusCode.BadRequest, "topKay", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/project", new { environment = "moon", webhookUrl = "ftp://x" }), HttpStatusCode.BadRequest, "webhookUrl", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/project", new { webhookUrl = "https://example.com/" + new string('a', 2000) }), HttpStatusCode.BadRequest, "webhookUrl: must be at most 2000 characters", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/embedding", new[] { 1, 2 }), HttpStatusCode.BadRequest, "JSON object", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/colour", new { a = 1 }), HttpStatusCode.NotFound, "unknown settings section", "/api/v1/settings");
        await AssertRejectedAsync(() => PostAsync("/api/v1/settings/project/api-keys/rotate", new { gracePeriodMinutes = -5 }), HttpStatusCode.BadRequest, "gracePeriodMinutes", "/api/v1/settings");
    }

    [BackendFact]
    public async Task WrongValueTypes_MessageNamesTheFieldAndWhatItMustBe_WithoutDotNetNames()
    {
        // The console shows these messages as they are: they name the JSON path and the kind of value, never a .NET
        // type (System.Int32, System.Nullable`1[...], a request class) or the reader's "Path: | LineNumber: |" tail.
        (string Method, string Path, string Body, string Expected)[] cases =
        [
            ("PUT", "/api/v1/settings/retrieval", """{"topK":2.5}""", "invalid retrieval settings at $.topK: must be a whole number"),
            ("PUT", "/api/v1/settings/retrieval", """{"topK":1e400}""", "invalid retrieval settings at $.topK: must be a whole number"),
            ("PUT", "/api/v1/settings/generation", """{"temperature":"0.5"}""", "invalid generation settings at $.temperature: must be a number"),
            ("PUT", "/api/v1/settings/retrieval", """{"semanticRanker":1}""", "invalid retrieval settings at $.semanticRanker: must be true or false"),
            ("PUT", "/api/v1/settings/retrieval", """{"topKay":5}""", "unknown field 'topKay'"),
            ("PUT", "/api/v1/settings/retrieval", """{"topK":NaN}""", "the body is not valid JSON: 'N' is an invalid start of a value (line 1, byte 9)"),
            ("POST", "/api/v1/alerts/rules", """{"name":"r","expression":"error_rate[5m]","threshold":"NaN"}""", "the body is not valid JSON for this request at $.threshold: must be a number"),
            ("POST", "/api/v1/alerts/rules", """{"name":"r","expression":"error_rate[5m]","threshold":0.1,"forSeconds":1.5}""", "at $.forSeconds: must be a whole number"),
            ("POST", "/api/v1/alerts/rules", """[]""", "the body is not valid JSON for this request at $: must be a JSON object"),
            ("POST", "/api/v1/annotation-queues", """{"name":"q","scoreConfigs":{"name":"n"}}""", "at $.scoreConfigs: must be a list"),
            ("POST", "/api/v1/annotation-queues", """{"name":"q","scoreConfigs":[{"name":"n","type":"numeric","min":"NaN","max":5}]}""", "at $.scoreConfigs[0].min: has a value of the wrong type"),
        ];
        foreach (var (method, path, body, expected) in cases)
        {
            var response = await SendAsync(new HttpMethod(method), path, rawBody: body);
            AssertProblem(response, HttpStatusCode.BadRequest, expected);
            var detail = response.Body.GetProperty("detail").GetString()!;
            foreach (var internals in new[] { "System.", "LlmOps.", "Nullable", "LineNumber", "BytePositionInLine", ".NET" })
            {
                Assert.DoesNotContain(internals, detail, StringComparison.Ordinal);
            }
        }
    }

    [BackendFact]
    public async Task PutGuardrails_ReviewQueue_MustNameAnExistingQueue()
    {
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/guardrails", new { reviewQueue = "no such queue zzz" }), HttpStatusCode.UnprocessableEntity, "reviewQueue: no annotation queue named 'no such queue zzz'", "/api/v1/settings");
        await AssertRejectedAsync(() => PutAsync("/api/v1/settings/guardrails", new { reviewQueue = "no such queue zzz" }), HttpStatusCode.UnprocessableEntity, "'High-Risk Responses'", "/api/v1/settings");

        var queue = Unique("review");
        await OkAsync(PostAsync("/api/v1/annotation-queues", new { name = queue, scoreConfigs = new[] { new { name = "ok", type = "boolean" } } }), HttpStatusCode.Created);
        var put = await OkAsync(PutAsync("/api/v1/settings/guardrails", new { reviewQueue = queue }));
        Assert.Equal(queue, put.GetProperty("value").GetProperty("reviewQueue").GetString());

        // The queue is deleted afterwards: the other guardrail fields stay editable.
        var id = (await OkAsync(GetAsync("/api/v1/annotation-queues"))).EnumerateArray().Single(q => q.GetProperty("name").GetString() == queue).GetProperty("id").GetInt64();
        await OkAsync(DeleteAsync($"/api/v1/annotation-queues/{id}"), HttpStatusCode.NoContent);
        await OkAsync(PutAsync("/api/v1/settings/guardrails", new { toxicityThreshold = 0.6, reviewQueue = queue }));
        await OkAsync(PutAsync("/api/v1/settings/guardrails", new { toxicityThreshold = 0.7, reviewQueue = "High-Risk Responses" }));
    }

    [BackendFact]
    public async Task ApiKeys_RotateWithGracePeriod_OldKeyWorksUntilExpiry()
    {
        // The expiry below is simulated in the store, so lookups are not cached here.
        await using var app = await StartFreshAppAsync(o => o.Access.KeyCacheTtl = TimeSpan.Zero);
        using var first = await app.Client.PostAsJsonAsync("/api/v1/settings/project/api-keys/rotate", new { name = "console" }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var key1 = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        using (var denied = await app.Client.PostAsJsonAsync("/api/v1/datasets", new { name = "no-key" }).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
            Assert.Contains("X-Api-Key", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var read = await app.Client.GetAsync("/api/v1/datasets").WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await SendWithKeyAsync(app, key1, "/api/v1/datasets", null, HttpMethod.Get));

        Assert.Equal(HttpStatusCode.Created, await SendWithKeyAsync(app, key1, "/api/v1/datasets", new { name = "with-key-1" }));
        using var rotateRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate") { Content = JsonContent.Create(new { name = "console", gracePeriodMinutes = 30 }) };
        rotateRequest.Headers.Add("X-Api-Key", key1);
        using var second = await app.Client.SendAsync(rotateRequest).WaitAsync(TimeSpan.FromSeconds(30));
        var rotated = await second.Content.ReadFromJsonAsync<JsonElement>();
        var key2 = rotated.GetProperty("secret").GetString()!;
        Assert.Equal(1, rotated.GetProperty("previousKeys").GetInt32());
        Assert.Equal(HttpStatusCode.Created, await SendWithKeyAsync(app, key1, "/api/v1/datasets", new { name = "old-key-in-grace" }));
        Assert.Equal(HttpStatusCode.Created, await SendWithKeyAsync(app, key2, "/api/v1/datasets", new { name = "new-key" }));

        await app.ExecuteSqlAsync("UPDATE mgmt_api_keys SET expires_at = 1 WHERE expires_at IS NOT NULL");
        Assert.Equal(HttpStatusCode.Unauthorized, await SendWithKeyAsync(app, key1, "/api/v1/datasets", new { name = "old-key-expired" }));
        var audit = await GetWithKeyAsync(app, key2, "/api/v1/audit?type=dataset&q=new-key");
        Assert.Equal("console", audit.GetProperty("items")[0].GetProperty("actor").GetString());
        var stored = await app.ScalarAsync($"SELECT COUNT(*) FROM mgmt_api_keys WHERE key_hash = '{key2}'");
        Assert.Equal(0, stored);

        // Listed with their prefix and state, never the secret; revoking needs a valid key and happens once.
        var listed = await GetWithKeyAsync(app, key2, "/api/v1/settings/project/api-keys");
        Assert.Equal(2, listed.GetArrayLength());
        Assert.DoesNotContain(key1, listed.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(key2, listed.GetRawText(), StringComparison.Ordinal);
        var active = listed.EnumerateArray().Single(k => k.GetProperty("active").GetBoolean());
        Assert.StartsWith(active.GetProperty("prefix").GetString()!, key2, StringComparison.Ordinal);
        Assert.Equal("console", active.GetProperty("name").GetString());
        var oldId = listed.EnumerateArray().Single(k => !k.GetProperty("active").GetBoolean()).GetProperty("id").GetInt64();
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        Assert.Equal(HttpStatusCode.Unauthorized, await SendWithKeyAsync(app, key1, $"/api/v1/settings/project/api-keys/{oldId}", null, HttpMethod.Delete));
        Assert.Equal(HttpStatusCode.OK, await SendWithKeyAsync(app, key2, $"/api/v1/settings/project/api-keys/{oldId}", null, HttpMethod.Delete));
        Assert.Equal(head + 1, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));
        Assert.Equal(HttpStatusCode.Conflict, await SendWithKeyAsync(app, key2, $"/api/v1/settings/project/api-keys/{oldId}", null, HttpMethod.Delete));
        Assert.Equal(HttpStatusCode.NotFound, await SendWithKeyAsync(app, key2, "/api/v1/settings/project/api-keys/99999", null, HttpMethod.Delete));
        Assert.Equal(HttpStatusCode.BadRequest, await SendWithKeyAsync(app, key2, "/api/v1/settings/project/api-keys/abc", null, HttpMethod.Delete));
        Assert.Equal(head + 1, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));
        var revoked = await GetWithKeyAsync(app, key2, "/api/v1/settings/project/api-keys");
        Assert.NotEqual(JsonValueKind.Null, revoked.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == oldId).GetProperty("revokedAt").ValueKind);
        using var exportRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit/export");
        exportRequest.Headers.Add("X-Api-Key", key2);
        using var export = await app.Client.SendAsync(exportRequest).WaitAsync(TimeSpan.FromSeconds(30));
        var whole = await export.Content.ReadAsStringAsync();
        Assert.Contains("revoke", whole, StringComparison.Ordinal);
        Assert.DoesNotContain(key1, whole, StringComparison.Ordinal);
        Assert.DoesNotContain(key2, whole, StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task ConfiguredKeys_MutatingCallWithoutKey_401AndActorIsKeyName()
    {
        await using var app = await StartFreshAppAsync(o => o.ApiKeys = ["ci-bot:0123456789abcdef-secret"]);
        using (var denied = await app.Client.PostAsJsonAsync("/api/v1/datasets", new { name = "x" }).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SendWithKeyAsync(app, "wrong-key-0000000000", "/api/v1/datasets", new { name = "x" }));
        Assert.Equal(HttpStatusCode.Created, await SendWithKeyAsync(app, "0123456789abcdef-secret", "/api/v1/datasets", new { name = "by-ci" }));
        var audit = await GetWithKeyAsync(app, "0123456789abcdef-secret", "/api/v1/audit?q=by-ci");
        Assert.Equal("ci-bot", audit.GetProperty("items")[0].GetProperty("actor").GetString());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM datasets WHERE name = 'x'"));
    }

    private static async Task<JsonElement> GetWithKeyAsync(ManagementApp app, string key, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        using var response = await app.Client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpStatusCode> SendWithKeyAsync(ManagementApp app, string key, string path, object? body, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await app.Client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        return response.StatusCode;
    }
}
