using System.Net;
using System.Net.Http.Json;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Tests.Support;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary><c>HEAD</c> on the query and management APIs answers as <c>GET</c> does, without the body.</summary>
public sealed class ApiHeadTests
{
    private const string ViewerKey = "viewer-key-for-head-test-01";

    [Fact]
    public async Task Head_OnGetEndpoints_SameStatusAndHeadersAsGet_NoBody()
    {
        await using var collector = await RunningCollector.StartAsync();
        var http = collector.Management;
        using (var created = await http.PostAsJsonAsync("/api/v1/prompts", new { name = "head-test", template = "Hello {{user}}", labels = new[] { "production" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        foreach (var path in new[]
        {
            "/api/v1/traces",
            "/api/v1/sessions",
            "/api/v1/prompts",
            "/api/v1/prompts/head-test/resolve",
            "/api/v1/traces/0123456789abcdef0123456789abcdef",
            "/api/v1/prompts/no-such-prompt",
            "/api/v1/no-such-endpoint",
        })
        {
            await AssertHeadLikeGetAsync(http, path, key: null);
        }

        // A path with no GET endpoint answers as its GET does and runs nothing: the label DELETE would remove stays.
        await AssertHeadLikeGetAsync(http, "/api/v1/prompts/head-test/labels/production", key: null);
        using var resolved = await http.GetAsync(new Uri("/api/v1/prompts/head-test/resolve?label=production", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
    }

    [Fact]
    public async Task Head_WithKeysConfigured_401WithoutKey_200WithReadKey()
    {
        var yaml = CollectorConfigFile.BuiltIn().Replace(
            "  management:\n",
            $"  management:\n    api_keys:\n      - \"dash[viewer]:{ViewerKey}\"\n",
            StringComparison.Ordinal);
        Assert.Contains("dash[viewer]", yaml, StringComparison.Ordinal);
        await using var collector = await RunningCollector.StartAsync(yaml);

        var (status, _) = await AssertHeadLikeGetAsync(collector.Management, "/api/v1/traces", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        (status, _) = await AssertHeadLikeGetAsync(collector.Management, "/api/v1/traces", ViewerKey);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<(HttpStatusCode Status, long Length)> AssertHeadLikeGetAsync(HttpClient http, string path, string? key)
    {
        using var get = await SendAsync(http, HttpMethod.Get, path, key);
        var body = await get.Content.ReadAsByteArrayAsync();
        using var head = await SendAsync(http, HttpMethod.Head, path, key);
        var headBody = await head.Content.ReadAsByteArrayAsync();

        Assert.True(get.StatusCode == head.StatusCode, $"{path}: GET {get.StatusCode}, HEAD {head.StatusCode}");
        Assert.Empty(headBody);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.ETag?.ToString(), head.Headers.ETag?.ToString());
        Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
        Assert.True(body.Length == head.Content.Headers.ContentLength, $"{path}: GET body {body.Length} bytes, HEAD Content-Length {head.Content.Headers.ContentLength}");
        return (head.StatusCode, body.Length);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? key)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await http.SendAsync(request);
    }
}
