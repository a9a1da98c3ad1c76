using LlmOps.Management.Jobs;
using LlmOps.Management.Settings;
using LlmOps.Processors.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

internal static class SettingsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/settings", async (HttpContext ctx, ISettingsRepository repo) =>
        {
            var all = await repo.GetAllAsync(ctx.RequestAborted).ConfigureAwait(false);
            return Results.Ok(all.ToDictionary(s => s.Section, s => s.Value, StringComparer.Ordinal));
        });

        api.MapGet("/settings/{section}", async (string section, HttpContext ctx, ISettingsRepository repo) =>
            Results.Ok(await repo.GetAsync(section, ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPut("/settings/{section}", async (string section, HttpContext ctx, ISettingsRepository repo) =>
        {
            var body = await RequestReader.BodyElementAsync(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.UpdateAsync(section, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        }).RequireScope(ApiScopes.Admin);

        api.MapGet("/settings/project/api-keys", async (HttpContext ctx, ApiKeyService keys) =>
            Results.Ok(await keys.ListAsync(ctx.RequestAborted).ConfigureAwait(false))).RequireScope(ApiScopes.Admin);

        api.MapPost("/settings/project/api-keys/rotate", async (HttpContext ctx, ApiKeyService keys) =>
        {
            var body = ctx.Request.ContentLength is null or 0 && !ctx.Request.Headers.TransferEncoding.Any()
                ? new RotateApiKeyRequest()
                : await RequestReader.BodyAsync<RotateApiKeyRequest>(ctx).ConfigureAwait(false);
            var rotated = await keys.RotateAsync(body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            ctx.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/api/v1/settings/project/api-keys/{rotated.Key.Id}", rotated);
        }).RequireScope(ApiScopes.Admin);

        api.MapPut("/settings/project/api-keys/{id}/scopes", async (string id, HttpContext ctx, ApiKeyService keys) =>
        {
            var keyId = RequestReader.Id(id, "key id");
            var body = await RequestReader.BodyAsync<ChangeApiKeyScopesRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await keys.ChangeScopesAsync(keyId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        }).RequireScope(ApiScopes.Admin);

        api.MapDelete("/settings/project/api-keys/{id}", async (string id, HttpContext ctx, ApiKeyService keys) =>
            Results.Ok(await keys.RevokeAsync(RequestReader.Id(id, "key id"), Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false))).RequireScope(ApiScopes.Admin);

        api.MapGet("/jobs", async (HttpContext ctx, IJobLease leases) =>
            Results.Ok(await leases.ListAsync(ctx.RequestAborted).ConfigureAwait(false)));
    }
}
