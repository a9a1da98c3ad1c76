using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Ui.Hosting;

/// <summary>
/// Serves the console's CSS and JS from embedded resources (works from <c>dotnet exec</c> of the built dll, with no
/// static web assets manifest), with a content hash ETag and a day of caching.
/// </summary>
internal static class ConsoleAssets
{
    public const string Prefix = "/console-assets/";
    private const string ResourcePrefix = "LlmOps.Ui.wwwroot.";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The versioned URL of an asset (cache-busting query from its hash).</summary>
    public static string Url(string name) =>
        Assets.TryGetValue(name, out var a) ? $"{Prefix}{name}?v={a.ETag.Trim('"')[..8]}" : Prefix + name;

    public static IEndpointRouteBuilder MapConsoleAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{name}", (HttpContext context, string name) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            var headers = context.Response.Headers;
            headers.ETag = asset.ETag;
            headers.CacheControl = "public, max-age=86400";
            headers.XContentTypeOptions = "nosniff";
            if (context.Request.Headers.IfNoneMatch == asset.ETag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Bytes, asset.ContentType);
        });
        return app;
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var result = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            result[name] = new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
