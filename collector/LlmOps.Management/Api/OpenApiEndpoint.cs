using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

/// <summary>
/// Serves the OpenAPI 3 document of the collector's whole HTTP API (management, query, health, metrics, OTLP/HTTP):
/// <c>docs/api/openapi.json</c>, embedded at build time so the running collector and the docs never disagree.
/// </summary>
internal static class OpenApiEndpoint
{
    public const string ResourceName = "LlmOps.Management.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Load);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/openapi.json", () => Results.Bytes(Document.Value, "application/json")).AllowAnyone();

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
