using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LlmOps.Management.Tests.Infrastructure;
using LlmOps.Processors.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Management.Tests.Api;

/// <summary>API keys with roles and scopes, 401/403, rate limits and body limits, on a fresh database per test.</summary>
public abstract class ApiSecurityTests : ApiTestBase
{
    private const string AdminKey = "test-admin-key-0000000001";
    private const string ViewerKey = "test-viewer-key-000000002";
    private const string EditorKey = "test-editor-key-000000003";
    private const string IngestKey = "test-ingest-key-000000004";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private protected ApiSecurityTests(AppFixture fixture)
        : base(fixture)
    {
    }

    private static void ConfiguredKeys(ManagementStoreOptions o) =>
        o.ApiKeys = [$"root:{AdminKey}", $"dash[viewer]:{ViewerKey}", $"writer[editor]:{EditorKey}", $"feeder[ingest]:{IngestKey}"];

    [BackendFact]
    public async Task Scopes_401WithoutOrWithBadKey_403WithoutScope_NothingChanged_200WithScope()
    {
        await using var app = await StartFreshAppAsync(ConfiguredKeys);
        var datasets = await app.ScalarAsync("SELECT COUNT(*) FROM datasets");
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");

        // Reads need a key by default once keys exist; the problem names the header.
        var noKey = await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", null);
        AssertProblem(noKey, HttpStatusCode.Unauthorized, "X-Api-Key");
        Assert.Equal("application/problem+json", noKey.ContentType);
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", null, new { name = "no-key" }), HttpStatusCode.Unauthorized, "X-Api-Key");
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", "wrong-key-000000000000", new { name = "bad-key" }), HttpStatusCode.Unauthorized, "sent in the X-Api-Key header is not valid");

        // A viewer reads but may not write; the answer names the scope needed and the scopes held.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", ViewerKey)).Status);
        var denied = await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", ViewerKey, new { name = "by-viewer" });
        AssertProblem(denied, HttpStatusCode.Forbidden, "'write'");
        Assert.Contains("read", denied.Body.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal("write", denied.Body.GetProperty("requiredScope").GetString());
        Assert.Equal(["read"], denied.Body.GetProperty("grantedScopes").EnumerateArray().Select(e => e.GetString()!).ToArray());

        // An ingest-only key can neither read nor write the management API.
        AssertProblem(await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", IngestKey), HttpStatusCode.Forbidden, "'read'");

        // An editor writes but settings and keys need admin.
        var before = (await CallAsync(app, HttpMethod.Get, "/api/v1/settings/retrieval", AdminKey)).Body.GetRawText();
        AssertProblem(await CallAsync(app, HttpMethod.Put, "/api/v1/settings/retrieval", EditorKey, new { topK = 7 }), HttpStatusCode.Forbidden, "'admin'");
        AssertProblem(await CallAsync(app, HttpMethod.Get, "/api/v1/settings/project/api-keys", EditorKey), HttpStatusCode.Forbidden, "'admin'");
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", EditorKey, new { name = "sneaky", role = "admin" }), HttpStatusCode.Forbidden, "'admin'");
        Assert.Equal(before, (await CallAsync(app, HttpMethod.Get, "/api/v1/settings/retrieval", AdminKey)).Body.GetRawText());
        Assert.Equal(datasets, await app.ScalarAsync("SELECT COUNT(*) FROM datasets"));
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM mgmt_api_keys"));
        Assert.Equal(head, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));

        // With the right scope: created, and the audit actor is the key's name. Authorization: Bearer works too.
        Assert.Equal(HttpStatusCode.Created, (await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", EditorKey, new { name = "by-editor" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Put, "/api/v1/settings/retrieval", AdminKey, new { topK = 7 })).Status);
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit?q=by-editor"))
        {
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ViewerKey);
            using var response = await app.Client.SendAsync(bearer).WaitAsync(Timeout);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var audit = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("writer", audit.GetProperty("items")[0].GetProperty("actor").GetString());
        }

        // The OpenAPI document stays open.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/openapi.json", null)).Status);
    }

    [BackendFact]
    public async Task BadBearerKey_401NamesTheAuthorizationHeader()
    {
        await using var app = await StartFreshAppAsync(ConfiguredKeys);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/datasets");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong-key-000000000000");
        var answer = await ReadAsync(app, request);
        AssertProblem(answer, HttpStatusCode.Unauthorized, "sent in the Authorization (Bearer) header is not valid");
        Assert.DoesNotContain("X-Api-Key", answer.Body.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task OpenReads_ReadsWithoutKey_WritesStill401()
    {
        await using var app = await StartFreshAppAsync(o =>
        {
            ConfiguredKeys(o);
            o.Access.OpenReads = true;
        });
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", null)).Status);
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", null, new { name = "x" }), HttpStatusCode.Unauthorized, "X-Api-Key");

        // Admin reads (the key list) are not opened by open_reads.
        AssertProblem(await CallAsync(app, HttpMethod.Get, "/api/v1/settings/project/api-keys", null), HttpStatusCode.Unauthorized, "'admin'");
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM datasets WHERE name = 'x'"));
    }

    [BackendFact]
    public async Task IssuedKeys_RoleOrScopes_ValidatedShownOnceListedAudited_ScopeChangeAndRevokeTakeEffect()
    {
        await using var app = await StartFreshAppAsync(o => o.ApiKeys = [$"root:{AdminKey}"]);
        var viewer = await IssueAsync(app, new { name = "grafana", role = "viewer" });
        Assert.Equal("viewer", viewer.GetProperty("key").GetProperty("role").GetString());
        Assert.Equal(["read"], Scopes(viewer.GetProperty("key")));
        var editor = await IssueAsync(app, new { name = "ci", scopes = new[] { "write", "read" } });
        Assert.Equal("editor", editor.GetProperty("key").GetProperty("role").GetString());
        Assert.Equal(["read", "write"], Scopes(editor.GetProperty("key")));
        var custom = await IssueAsync(app, new { name = "pipeline", scopes = new[] { "ingest", "read" }, expiresInDays = 30 });
        Assert.Equal("custom", custom.GetProperty("key").GetProperty("role").GetString());
        Assert.NotEqual(JsonValueKind.Null, custom.GetProperty("key").GetProperty("expiresAt").ValueKind);
        var admin = await IssueAsync(app, new { name = "ops", scopes = new[] { "admin" } });
        Assert.Equal(["ingest", "read", "write", "admin"], Scopes(admin.GetProperty("key")));

        // Unknown role or scope, both given, or neither resolvable: 400 with a message, nothing created or audited.
        var keys = await app.ScalarAsync("SELECT COUNT(*) FROM mgmt_api_keys");
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", AdminKey, new { name = "x", role = "superuser" }), HttpStatusCode.BadRequest, "unknown role 'superuser'");
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", AdminKey, new { name = "x", scopes = new[] { "read", "delete" } }), HttpStatusCode.BadRequest, "unknown scope 'delete'");
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", AdminKey, new { name = "x", scopes = Array.Empty<string>() }), HttpStatusCode.BadRequest, "scope");
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", AdminKey, new { name = "x", role = "viewer", scopes = new[] { "read" } }), HttpStatusCode.BadRequest, "not both");
        AssertProblem(await CallAsync(app, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(viewer)}/scopes", AdminKey, new { role = "owner" }), HttpStatusCode.BadRequest, "unknown role");
        Assert.Equal(keys, await app.ScalarAsync("SELECT COUNT(*) FROM mgmt_api_keys"));
        Assert.Equal(head, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));

        // The issued keys work with their scopes.
        var viewerSecret = viewer.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/prompts", viewerSecret)).Status);
        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", viewerSecret, new { name = "by-grafana" }), HttpStatusCode.Forbidden, "'write'");
        Assert.Equal(HttpStatusCode.Created, (await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", editor.GetProperty("secret").GetString(), new { name = "by-ci" })).Status);

        // Listed with role, scopes and times; never a key.
        var listed = await CallAsync(app, HttpMethod.Get, "/api/v1/settings/project/api-keys", AdminKey);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var byName = listed.Body.EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!);
        Assert.Equal("viewer", byName["grafana"].GetProperty("role").GetString());
        Assert.Equal(["ingest", "read"], Scopes(byName["pipeline"]));
        Assert.True(byName["ci"].TryGetProperty("createdAt", out _));
        foreach (var issued in new[] { viewer, editor, custom, admin })
        {
            Assert.DoesNotContain(issued.GetProperty("secret").GetString()!, listed.Body.GetRawText(), StringComparison.Ordinal);
        }

        // A scope change takes effect at once and is audited with the admin key's name as actor.
        var changed = await CallAsync(app, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(viewer)}/scopes", AdminKey, new { role = "editor" });
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(["read", "write"], Scopes(changed.Body));
        Assert.Equal(HttpStatusCode.Created, (await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", viewerSecret, new { name = "by-grafana-now" })).Status);
        AssertProblem(await CallAsync(app, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(viewer)}/scopes", AdminKey, new { role = "editor" }), HttpStatusCode.Conflict, "already");

        // Revoked: refused at once on this replica.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(viewer)}", AdminKey)).Status);
        AssertProblem(await CallAsync(app, HttpMethod.Get, "/api/v1/prompts", viewerSecret), HttpStatusCode.Unauthorized, "not valid");

        var audit = await CallAsync(app, HttpMethod.Get, "/api/v1/audit?type=api_key&limit=100", AdminKey);
        Assert.Equal(HttpStatusCode.OK, audit.Status);
        var actions = audit.Body.GetProperty("items").EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString())).ToList();
        Assert.Equal(4, actions.Count(a => a.Action == "rotate"));
        Assert.Contains(("change_scopes", "root"), actions);
        Assert.Contains(("revoke", "root"), actions);
        Assert.All(actions, a => Assert.Equal("root", a.Actor));
        var export = await app.Client.SendAsync(WithKey(HttpMethod.Get, "/api/v1/audit/export", AdminKey)).WaitAsync(Timeout);
        var whole = await export.Content.ReadAsStringAsync();
        Assert.Contains("change_scopes", whole, StringComparison.Ordinal);
        foreach (var issued in new[] { viewer, editor, custom, admin })
        {
            Assert.DoesNotContain(issued.GetProperty("secret").GetString()!, whole, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(AdminKey, whole, StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task RevokedOnAnotherReplica_StopsWithinTheKeyCacheTime()
    {
        var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        var location = await Backend.CreateAsync(Fixture.Provider, "revoke");
        void Configure(ManagementStoreOptions o)
        {
            o.ApiKeys = [$"root:{AdminKey}"];
            o.Access.KeyCacheTtl = TimeSpan.FromSeconds(5);
        }

        await using var a = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, Configure), s => s.AddSingleton<TimeProvider>(clock));
        await using var b = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, Configure), s => s.AddSingleton<TimeProvider>(clock));
        var issued = await IssueAsync(a, new { name = "reader", role = "viewer" });
        var secret = issued.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(b, HttpMethod.Get, "/api/v1/prompts", secret)).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(a, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(issued)}", AdminKey)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(a, HttpMethod.Get, "/api/v1/prompts", secret)).Status);

        // Replica b still has the lookup cached; past the cache time it asks the store again.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(b, HttpMethod.Get, "/api/v1/prompts", secret)).Status);
        clock.Advance(TimeSpan.FromSeconds(5.1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(b, HttpMethod.Get, "/api/v1/prompts", secret)).Status);
    }

    [BackendFact]
    public async Task RateLimit_429WithRetryAfter_PerKeyAndPerAddress_SucceedsAfterRefill()
    {
        var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await StartFreshAppAsync(
            o =>
            {
                ConfiguredKeys(o);
                o.Access.RateLimit = new RateLimitOptions { RequestsPerSecond = 0.5, Burst = 3 };
                o.Access.AnonymousRateLimit = new RateLimitOptions { RequestsPerSecond = 1, Burst = 2 };
                o.Access.RoleRateLimits["viewer"] = new RateLimitOptions { RequestsPerSecond = 1, Burst = 1 };
            },
            s => s.AddSingleton<TimeProvider>(clock));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", EditorKey)).Status);
        }

        var datasets = await app.ScalarAsync("SELECT COUNT(*) FROM datasets");
        var limited = await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", EditorKey, new { name = "while-limited" });
        AssertProblem(limited, HttpStatusCode.TooManyRequests, "rate limit");
        Assert.Equal("2", limited.RetryAfter);
        Assert.Equal(datasets, await app.ScalarAsync("SELECT COUNT(*) FROM datasets"));

        // Other keys have their own buckets (the viewer role its own smaller one).
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", AdminKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", ViewerKey)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", ViewerKey)).Status);

        // Calls without a valid key share their address's bucket (and are still refused with 401 until it is empty).
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", "wrong-key-000000000000")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", null)).Status);

        // Half a token back is not enough; two seconds refill one.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", EditorKey)).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", EditorKey, new { name = "after-refill" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(app, HttpMethod.Get, "/api/v1/datasets", null)).Status);
    }

    [BackendFact]
    public async Task BodyOverLimit_413_NothingChanged_ImportMayBeLarger()
    {
        await using var app = await StartFreshAppAsync(o =>
        {
            o.Access.MaxRequestBodySize = 2048;
            o.Access.MaxImportBodySize = 64 * 1024;
        });
        var created = await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", null, new { name = "limits" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body.GetProperty("id").GetInt64();
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");

        AssertProblem(await CallAsync(app, HttpMethod.Post, "/api/v1/datasets", null, new { name = "too-big", description = new string('x', 3000) }), HttpStatusCode.RequestEntityTooLarge, "2048 bytes");

        // Without a Content-Length (chunked) the body is cut while being read.
        using (var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets"))
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new { name = "too-big-chunked", description = new string('y', 3000) });
            chunked.Content = new StreamContent(new NonSeekableStream(json));
            chunked.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await app.Client.SendAsync(chunked).WaitAsync(Timeout);
            Assert.Null(chunked.Content.Headers.ContentLength);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("2048 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A dataset import may be larger than the general limit, up to its own.
        var csv = new StringBuilder("input,expected_output\n");
        for (var i = 0; csv.Length < 8000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"question number {i},answer {i}\n");
        }

        Assert.Equal(HttpStatusCode.OK, (await CallRawAsync(app, $"/api/v1/datasets/{id}/import?format=csv", csv.ToString())).Status);
        var items = await app.ScalarAsync($"SELECT COUNT(*) FROM dataset_items WHERE dataset_id = {id}");
        var importHead = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        AssertProblem(await CallRawAsync(app, $"/api/v1/datasets/{id}/import?format=csv", csv.ToString() + new string('z', 64 * 1024)), HttpStatusCode.RequestEntityTooLarge, "65536 bytes");

        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM datasets WHERE name LIKE 'too-big%'"));
        Assert.Equal(items, await app.ScalarAsync($"SELECT COUNT(*) FROM dataset_items WHERE dataset_id = {id}"));
        Assert.Equal(importHead, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));
        Assert.True(importHead > head);
    }

    [BackendFact]
    public async Task Bodies_NotJson_415NamingTheTypes_NothingChanged_JsonAndCsvImportAccepted()
    {
        // No key configured (the default local mode): a form or text/plain POST is what any web page can send
        // cross-site without a CORS preflight, so it must not change anything.
        await using var app = await StartFreshAppAsync();
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        const string Json = """{"name":"cross-site"}""";
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=iso-8859-1", "application/jsonx" })
        {
            var answer = await SendTypedAsync(app, HttpMethod.Post, "/api/v1/datasets", Json, type);
            AssertProblem(answer, HttpStatusCode.UnsupportedMediaType, "application/json");
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.Contains(type.Split(';')[0], answer.Body.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }

        AssertProblem(await SendTypedAsync(app, HttpMethod.Post, "/api/v1/datasets", Json, null), HttpStatusCode.UnsupportedMediaType, "no Content-Type");
        AssertProblem(await SendTypedAsync(app, HttpMethod.Put, "/api/v1/settings/retrieval", """{"topK":3}""", "text/plain"), HttpStatusCode.UnsupportedMediaType, "application/json");

        // Calls that take no body are refused too when a form type is sent (an empty form would issue the first key).
        AssertProblem(await SendTypedAsync(app, HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", string.Empty, "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "application/json");
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM mgmt_api_keys"));
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM datasets WHERE name = 'cross-site'"));
        Assert.Equal(head, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));

        // JSON with or without a UTF-8 charset, and +json types, are accepted.
        Assert.Equal(HttpStatusCode.Created, (await SendTypedAsync(app, HttpMethod.Post, "/api/v1/datasets", """{"name":"plain-json"}""", "application/json")).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendTypedAsync(app, HttpMethod.Post, "/api/v1/datasets", """{"name":"utf8-json"}""", "Application/JSON; charset=UTF-8")).Status);
        var created = await SendTypedAsync(app, HttpMethod.Post, "/api/v1/datasets", """{"name":"suffix-json"}""", "application/vnd.llmops+json");
        Assert.Equal(HttpStatusCode.Created, created.Status);

        // The dataset import also takes text/csv (and JSON), nothing else.
        var id = created.Body.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await SendTypedAsync(app, HttpMethod.Post, $"/api/v1/datasets/{id}/import", "input\nq1\n", "text/csv; charset=utf-8")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendTypedAsync(app, HttpMethod.Post, $"/api/v1/datasets/{id}/import", """[{"input":"q2"}]""", "application/json")).Status);
        var items = await app.ScalarAsync($"SELECT COUNT(*) FROM dataset_items WHERE dataset_id = {id}");
        Assert.Equal(2, items);
        AssertProblem(await SendTypedAsync(app, HttpMethod.Post, $"/api/v1/datasets/{id}/import?format=csv", "input\nq3\n", "text/plain"), HttpStatusCode.UnsupportedMediaType, "text/csv");
        Assert.Equal(items, await app.ScalarAsync($"SELECT COUNT(*) FROM dataset_items WHERE dataset_id = {id}"));
    }

    [BackendFact]
    public async Task CrossSiteBrowserChanges_403NothingChanged_SameOriginScriptsAndReadsServed()
    {
        // No key configured: a page on another site can send a body-less POST (an unmute, a rotate) without a preflight.
        await using var app = await StartFreshAppAsync();
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        async Task<Answer> SendAsync(HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
        {
            using var request = WithKey(method, path, null);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return await ReadAsync(app, request);
        }

        var self = app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        AssertProblem(await SendAsync(HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", null, ("Origin", "https://evil.example")), HttpStatusCode.Forbidden, "another site");
        AssertProblem(await SendAsync(HttpMethod.Post, "/api/v1/datasets", """{"name":"csrf"}""", ("Origin", "null")), HttpStatusCode.Forbidden, "another site");
        AssertProblem(await SendAsync(HttpMethod.Post, "/api/v1/datasets", """{"name":"csrf"}""", ("Sec-Fetch-Site", "cross-site")), HttpStatusCode.Forbidden, "another site");
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM mgmt_api_keys"));
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM datasets WHERE name = 'csrf'"));
        Assert.Equal(head, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));

        // The same calls from this origin, or from a script (no Origin), and reads from anywhere, are served.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/datasets", """{"name":"same-origin"}""", ("Origin", self), ("Sec-Fetch-Site", "same-origin"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/datasets", """{"name":"script"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/datasets", null, ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"))).Status);
    }

    [BackendFact]
    public async Task LastAdminKey_DemoteOrRevoke_409NothingChanged_AllowedWhileAnotherAdminKeyRemains()
    {
        await using var app = await StartFreshAppAsync();
        var first = await IssueAsync(app, new { name = "first" }, key: null);
        var admin = first.GetProperty("secret").GetString()!;
        var viewer = await IssueAsync(app, new { name = "grafana", role = "viewer" }, key: admin);

        // The only admin key (a viewer key keeps auth on): neither demoted nor revoked; nothing changed or audited.
        var head = await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1");
        AssertProblem(await CallAsync(app, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(first)}/scopes", admin, new { role = "editor" }), HttpStatusCode.Conflict, "this would leave no active key with the admin scope");
        AssertProblem(await CallAsync(app, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(first)}/scopes", admin, new { scopes = new[] { "read", "write", "ingest" } }), HttpStatusCode.Conflict, "no active key with the admin scope");
        AssertProblem(await CallAsync(app, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(first)}", admin), HttpStatusCode.Conflict, "this would leave no active key with the admin scope");
        Assert.Equal(head, await app.ScalarAsync("SELECT seq FROM mgmt_audit_head WHERE id = 1"));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/settings/project/api-keys", admin)).Status);

        // With a second admin key the first may go; then the second is the last one.
        var second = await IssueAsync(app, new { name = "ops", scopes = new[] { "admin" } }, key: admin);
        var admin2 = second.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(first)}/scopes", admin2, new { role = "viewer" })).Status);
        AssertProblem(await CallAsync(app, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(second)}", admin2), HttpStatusCode.Conflict, "no active key with the admin scope");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(first)}/scopes", admin2, new { role = "admin" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(second)}", admin)).Status);

        // Revoking the other keys leaves the admin key; revoking the very last key opens the API again (no lockout).
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(viewer)}", admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(first)}", admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Get, "/api/v1/settings/project/api-keys", null)).Status);
    }

    [BackendFact]
    public async Task LastAdminKey_ConfiguredAdminKeyCounts_ConfiguredNonAdminKeysDoNot()
    {
        await using (var withAdmin = await StartFreshAppAsync(o => o.ApiKeys = [$"root:{AdminKey}"]))
        {
            var ops = await IssueAsync(withAdmin, new { name = "ops", role = "admin" });
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(withAdmin, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(ops)}/scopes", AdminKey, new { role = "viewer" })).Status);
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(withAdmin, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(ops)}/scopes", AdminKey, new { role = "admin" })).Status);
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(withAdmin, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{Id(ops)}", AdminKey)).Status);
        }

        // Only a configured viewer key: it keeps auth on, so the issued admin key is the last way to admin calls.
        // (with a configured key in force only an admin key may issue one, so the issued admin key is written directly).
        await using var viewerOnly = await StartFreshAppAsync(o => o.ApiKeys = [$"dash[viewer]:{ViewerKey}"]);
        await viewerOnly.ExecuteSqlAsync(
            $"INSERT INTO mgmt_api_keys (name, key_hash, prefix, role, scopes, created_at) VALUES ('ops', '{LlmOps.Management.Settings.ApiKeyService.Hash(EditorKey)}', 'llmops_x', 'admin', 'ingest,read,write,admin', 1)");
        var id = await viewerOnly.ScalarAsync("SELECT id FROM mgmt_api_keys WHERE name = 'ops'");
        AssertProblem(await CallAsync(viewerOnly, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{id}/scopes", EditorKey, new { role = "viewer" }), HttpStatusCode.Conflict, "no active key with the admin scope");
        AssertProblem(await CallAsync(viewerOnly, HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{id}", EditorKey), HttpStatusCode.Conflict, "no active key with the admin scope");
    }

    [BackendFact]
    public async Task LastAdminKey_ConcurrentDemotionsOnTwoReplicas_OneAdminKeyRemains()
    {
        // Long key caches: each replica keeps accepting the key it last saw as admin, so both calls pass the access
        // check and only the check inside the write transaction can stop the second demotion.
        var location = await Backend.CreateAsync(Fixture.Provider, "lastadmin");
        void Configure(ManagementStoreOptions o) => o.Access.KeyCacheTtl = TimeSpan.FromMinutes(5);
        await using var a = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, Configure));
        await using var b = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location, Configure));
        var first = await IssueAsync(a, new { name = "first" }, key: null);
        var second = await IssueAsync(a, new { name = "second", role = "admin" }, key: first.GetProperty("secret").GetString());
        var (firstKey, secondKey) = (first.GetProperty("secret").GetString()!, second.GetProperty("secret").GetString()!);
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(a, HttpMethod.Get, "/api/v1/settings/project/api-keys", secondKey)).Status);
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(b, HttpMethod.Get, "/api/v1/settings/project/api-keys", firstKey)).Status);
            var results = await Task.WhenAll(
                CallAsync(a, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(first)}/scopes", secondKey, new { role = "viewer" }),
                CallAsync(b, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(second)}/scopes", firstKey, new { role = "viewer" }));
            Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.OK));
            AssertProblem(results.Single(r => r.Status != HttpStatusCode.OK), HttpStatusCode.Conflict, "no active key with the admin scope");
            Assert.Equal(1, await a.ScalarAsync("SELECT COUNT(*) FROM mgmt_api_keys WHERE role = 'admin' AND revoked_at IS NULL"));

            // Promote the demoted key again (with the remaining admin key) for the next round.
            var (demoted, remainingKey) = results[0].Status == HttpStatusCode.OK ? (first, secondKey) : (second, firstKey);
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(a, HttpMethod.Put, $"/api/v1/settings/project/api-keys/{Id(demoted)}/scopes", remainingKey, new { role = "admin" })).Status);
        }
    }

    [BackendFact]
    public async Task Migration4_KeyIssuedBeforeScopes_StaysAdmin()
    {
        var location = await Backend.CreateAsync(Fixture.Provider, "keymig");
        string secret;
        await using (var old = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location)))
        {
            secret = (await IssueAsync(old, new { name = "legacy" }, key: null)).GetProperty("secret").GetString()!;

            // Back to the version 3 schema: no role or scopes on the key.
            await old.ExecuteSqlAsync("DROP INDEX ix_mgmt_api_keys_name");
            await old.ExecuteSqlAsync("ALTER TABLE mgmt_api_keys DROP COLUMN scopes");
            await old.ExecuteSqlAsync("ALTER TABLE mgmt_api_keys DROP COLUMN role");
            await old.ExecuteSqlAsync("DELETE FROM mgmt_schema_migrations WHERE version = 4");
        }

        await using var app = await ManagementApp.StartAsync(Backend.Options(Fixture.Provider, location));
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM mgmt_schema_migrations WHERE version = 4"));
        var listed = await CallAsync(app, HttpMethod.Get, "/api/v1/settings/project/api-keys", secret);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal("admin", listed.Body[0].GetProperty("role").GetString());
        Assert.Equal(["ingest", "read", "write", "admin"], Scopes(listed.Body[0]));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, HttpMethod.Put, "/api/v1/settings/retrieval", secret, new { topK = 9 })).Status);

        // A rotation without role or scopes keeps the key's grant.
        var rotated = await IssueAsync(app, new { name = "legacy" }, key: secret);
        Assert.Equal("admin", rotated.GetProperty("key").GetProperty("role").GetString());
    }

    private static long Id(JsonElement issued) => issued.GetProperty("key").GetProperty("id").GetInt64();

    private static string[] Scopes(JsonElement key) => [.. key.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<JsonElement> IssueAsync(ManagementApp app, object body, string? key = AdminKey)
    {
        var issued = await CallAsync(app, HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate", key, body);
        Assert.True(issued.Status == HttpStatusCode.Created, issued.Body.ValueKind == JsonValueKind.Undefined ? issued.Status.ToString() : issued.Body.GetRawText());
        Assert.StartsWith("llmops_", issued.Body.GetProperty("secret").GetString(), StringComparison.Ordinal);
        return issued.Body;
    }

    private static HttpRequestMessage WithKey(HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    private static async Task<Answer> CallAsync(ManagementApp app, HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = WithKey(method, path, key);
        request.Content = body is null ? null : JsonContent.Create(body);
        return await ReadAsync(app, request);
    }

    private static async Task<Answer> CallRawAsync(ManagementApp app, string path, string text)
    {
        using var request = WithKey(HttpMethod.Post, path, null);
        request.Content = new StringContent(text, Encoding.UTF8, "text/csv");
        return await ReadAsync(app, request);
    }

    private static async Task<Answer> SendTypedAsync(ManagementApp app, HttpMethod method, string path, string body, string? contentType)
    {
        using var request = WithKey(method, path, null);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return await ReadAsync(app, request);
    }

    private static async Task<Answer> ReadAsync(ManagementApp app, HttpRequestMessage request)
    {
        using var response = await app.Client.SendAsync(request).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        var type = response.Content.Headers.ContentType?.MediaType;
        var json = text.Length > 0 && (type?.Contains("json", StringComparison.Ordinal) ?? false) ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new Answer(response.StatusCode, json, type, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertProblem(Answer answer, HttpStatusCode status, string messagePart) =>
        AssertProblem((answer.Status, answer.Body), status, messagePart);

    private sealed record Answer(HttpStatusCode Status, JsonElement Body, string? ContentType, string? RetryAfter);

    /// <summary>A body of unknown length, so the client sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
