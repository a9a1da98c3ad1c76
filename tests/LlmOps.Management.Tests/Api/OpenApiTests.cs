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
