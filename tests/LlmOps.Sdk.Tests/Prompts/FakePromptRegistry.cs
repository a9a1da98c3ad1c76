using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Sdk.Tests.Prompts;

/// <summary>The collector's prompt-resolve endpoint as the contract defines it, on a real loopback server.</summary>
internal sealed class FakePromptRegistry
{
    public int Version { get; set; } = 3;

    public string Template { get; set; } = "You help {{role}} on line {{ line }}.";

    public ConcurrentQueue<(string Path, string Query, string? IfNoneMatch, string? ApiKey)> Requests { get; } = new();

    public int StatusOverride { get; set; }

    public string ETag => $"\"v{Version}\"";

    public async Task HandleAsync(HttpContext context)
    {
        string? ifNoneMatch = context.Request.Headers.IfNoneMatch;
        Requests.Enqueue((context.Request.Path, context.Request.QueryString.Value ?? string.Empty, ifNoneMatch, context.Request.Headers["X-Api-Key"]));
        if (StatusOverride != 0)
        {
            context.Response.StatusCode = StatusOverride;
            return;
        }

        if (context.Request.Path != "/api/v1/prompts/maintenance-assistant/resolve")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (ifNoneMatch == ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.Headers.ETag = ETag;
        context.Response.ContentType = "application/json";
        var template = System.Text.Json.JsonSerializer.Serialize(Template);
        await context.Response.WriteAsync(
            $$$"""{"name":"maintenance-assistant","version":{{{Version}}},"labels":["production"],"template":{{{template}}},"variables":["role","line"],"config":{"model":"gpt-test","temperature":0.2}}""");
    }
}
