using System.Net;
using System.Text.Json;
using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

/// <summary>The collector serves the OpenAPI document of its whole API (the one in docs/api, embedded at build time).</summary>
public sealed class OpenApiTests : ApiTestBase, IClassFixture<SqliteFixture>
{
    public OpenApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }

    [BackendFact]
    public async Task OpenApiJson_Get_ServesTheDocumentOfTheWholeApi()
    {
        using var response = await Client.GetAsync("/api/v1/openapi.json").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(served);
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/alerts/rules", "/api/v1/audit", "/api/v1/prompts/{name}/resolve", "/api/v1/traces", "/v1/traces", "/api/v1/openapi.json" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " missing from the served document");
        }

        // The auth scheme and the access answers of every management call.
        var components = doc.RootElement.GetProperty("components");
        Assert.Equal("X-Api-Key", components.GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        foreach (var answer in new[] { "Unauthorized", "Forbidden", "PayloadTooLarge", "TooManyRequests" })
        {
            Assert.True(components.GetProperty("responses").TryGetProperty(answer, out _), answer);
        }

        var create = paths.GetProperty("/api/v1/datasets").GetProperty("post");
        Assert.Equal("write", create.GetProperty("x-llmops-scope").GetString());
        foreach (var status in new[] { "401", "403", "413", "429" })
        {
            Assert.True(create.GetProperty("responses").TryGetProperty(status, out _), "createDataset " + status);
        }

        Assert.Equal("admin", paths.GetProperty("/api/v1/settings/project/api-keys/rotate").GetProperty("post").GetProperty("x-llmops-scope").GetString());
        Assert.Equal(0, paths.GetProperty("/healthz").GetProperty("get").GetProperty("security").GetArrayLength());

        // The very file in the repository, not a stale copy.
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "docs", "api", "openapi.json")), served);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmOps.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (LlmOps.sln) not found above " + AppContext.BaseDirectory);
    }
}
