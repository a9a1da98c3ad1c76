using System.Net;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Tests.Support;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// With API keys, what the browser fetches itself (CSV exports, the dashboard's live refresh) goes through the
/// console's <c>/console-api/</c>, which adds the key from the console's HttpOnly cookie; the API itself does not read
/// the cookie. Only those reads are forwarded.
/// </summary>
public sealed class ConsoleProxyTests
{
    private const string ViewerKey = "viewer-key-for-console-0002";
    private const string Cookie = "llmops-api-key";

    [Fact]
    public async Task BrowserReads_WithTheKeyInTheConsolesCookie_AreAnswered_OthersAreNotForwarded()
    {
        var yaml = CollectorConfigFile.BuiltIn().Replace("  management:\n", $"  management:\n    api_keys:\n      - \"dash[viewer]:{ViewerKey}\"\n", StringComparison.Ordinal);
        await using var collector = await RunningCollector.StartAsync(yaml);
        var datasets = await GetAsync(collector, "/api/v1/datasets", key: ViewerKey);
        Assert.Equal(HttpStatusCode.OK, datasets.Status);
        var dataset = System.Text.Json.JsonDocument.Parse(datasets.Body).RootElement[0].GetProperty("id").GetInt64();

        foreach (var path in new[] { $"datasets/{dataset}/export?format=csv", "audit/export", "dashboard/summary" })
        {
            // What the page links to worked only without keys: the browser sends no X-Api-Key.
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(collector, "/api/v1/" + path)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(collector, "/console-api/" + path)).Status);

            var viaConsole = await GetAsync(collector, "/console-api/" + path, cookie: ViewerKey);
            Assert.True(viaConsole.Status == HttpStatusCode.OK, $"{path}: {(int)viaConsole.Status} {viaConsole.Body}");
            Assert.Equal((await GetAsync(collector, "/api/v1/" + path, key: ViewerKey)).ContentType, viaConsole.ContentType);
        }

        var csv = await GetAsync(collector, $"/console-api/datasets/{dataset}/export?format=csv", cookie: ViewerKey);
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        Assert.Contains("input", csv.Body.Split('\n')[0], StringComparison.Ordinal);

        foreach (var other in new[] { "/console-api/datasets", "/console-api/settings/guardrails", "/console-api/datasets/x/export", "/console-api/dashboard/../datasets" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(collector, other, cookie: ViewerKey)).Status);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body, string ContentType)> GetAsync(RunningCollector collector, string path, string? key = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{Cookie}={cookie}");
        }

        using var response = await collector.Management.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }
}
