using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmOps.Management.Prompts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

internal static class PromptEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/prompts", async (HttpContext ctx, IPromptRepository repo) =>
            Results.Ok(await repo.ListAsync(RequestReader.QueryString(ctx, "q"), RequestReader.QueryString(ctx, "label"), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/prompts", async (HttpContext ctx, IPromptRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<CreatePromptRequest>(ctx).ConfigureAwait(false);
            var created = await repo.CreateAsync(body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/v1/prompts/{Uri.EscapeDataString(created.Prompt.Name)}", created);
        });

        api.MapGet("/prompts/{name}", async (string name, HttpContext ctx, IPromptRepository repo) =>
            Results.Ok(await repo.GetAsync(name, ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/prompts/{name}/versions", async (string name, HttpContext ctx, IPromptRepository repo) =>
            Results.Ok((await repo.GetAsync(name, ctx.RequestAborted).ConfigureAwait(false)).Versions));

        api.MapPost("/prompts/{name}/versions", async (string name, HttpContext ctx, IPromptRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<NewPromptVersionRequest>(ctx).ConfigureAwait(false);
            var version = await repo.AddVersionAsync(name, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/v1/prompts/{Uri.EscapeDataString(name)}/versions/{version.Version}", version);
        });

        api.MapGet("/prompts/{name}/versions/{version}", async (string name, string version, HttpContext ctx, IPromptRepository repo) =>
            Results.Ok(await repo.GetVersionAsync(name, RequestReader.Id(version, "version"), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/prompts/{name}/diff", async (string name, HttpContext ctx, IPromptRepository repo) =>
        {
            var from = RequestReader.QueryLong(ctx, "from", 1) ?? throw ApiProblemException.BadRequest("query parameter 'from' (a version) is required");
            var to = RequestReader.QueryLong(ctx, "to", 1) ?? throw ApiProblemException.BadRequest("query parameter 'to' (a version) is required");
            return Results.Ok(await repo.DiffAsync(name, from, to, ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapGet("/prompts/{name}/history", async (string name, HttpContext ctx, IPromptRepository repo) =>
            Results.Ok(await repo.HistoryAsync(name, ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPut("/prompts/{name}/labels/{label}", async (string name, string label, HttpContext ctx, IPromptRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<LabelRequest>(ctx).ConfigureAwait(false);
            if (body.Version is not > 0)
            {
                throw ApiProblemException.Validation(["version: is required and must be a positive integer"]);
            }

            return Results.Ok(await repo.MoveLabelAsync(name, label, body.Version.Value, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapDelete("/prompts/{name}/labels/{label}", async (string name, string label, HttpContext ctx, IPromptRepository repo) =>
            Results.Ok(await repo.RemoveLabelAsync(name, label, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/prompts/{name}/rollback", async (string name, HttpContext ctx, IPromptRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<RollbackRequest>(ctx).ConfigureAwait(false);
            if (body.Version is <= 0)
            {
                throw ApiProblemException.Validation(["version: must be a positive integer"]);
            }

            return Results.Ok(await repo.RollbackAsync(name, body.Label ?? "production", body.Version, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapGet("/prompts/{name}/resolve", async (string name, HttpContext ctx, IPromptRepository repo) =>
        {
            var label = RequestReader.QueryString(ctx, "label");
            var version = RequestReader.QueryLong(ctx, "version", 1);
            if (label is not null && version is not null)
            {
                throw ApiProblemException.BadRequest("give either 'label' or 'version', not both");
            }

            var resolved = await repo.ResolveAsync(name, version is null ? label ?? "production" : null, version, ctx.RequestAborted).ConfigureAwait(false);
            var etag = ETagOf(resolved);
            ctx.Response.Headers.ETag = etag;
            ctx.Response.Headers.CacheControl = "no-cache";
            var ifNoneMatch = ctx.Request.Headers.IfNoneMatch.ToString();
            if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Ok(resolved);
        });
    }

    /// <summary>A strong ETag over everything the resolve answer contains.</summary>
    public static string ETagOf(ResolvedPrompt resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var json = JsonSerializer.Serialize(resolved, RequestReader.Json);
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32] + "\"";
    }
}
