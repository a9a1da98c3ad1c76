using LlmOps.Management.Annotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

internal static class AnnotationQueueEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/annotation-queues", async (HttpContext ctx, IAnnotationQueueRepository repo) =>
            Results.Ok(await repo.ListAsync(ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/annotation-queues", async (HttpContext ctx, IAnnotationQueueRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<AnnotationQueueRequest>(ctx).ConfigureAwait(false);
            var created = await repo.CreateAsync(body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/v1/annotation-queues/{created.Id}", created);
        });

        api.MapGet("/annotation-queues/{id}", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
            Results.Ok(await repo.GetAsync(RequestReader.Id(id), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapDelete("/annotation-queues/{id}", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
        {
            await repo.DeleteAsync(RequestReader.Id(id), Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });

        api.MapPost("/annotation-queues/{id}/start", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
            Results.Ok(await repo.SetStatusAsync(RequestReader.Id(id), "active", Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/annotation-queues/{id}/stop", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
            Results.Ok(await repo.SetStatusAsync(RequestReader.Id(id), "stopped", Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/annotation-queues/{id}/progress", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
            Results.Ok(await repo.ProgressAsync(RequestReader.Id(id), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/annotation-queues/{id}/items", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
            Results.Ok(await repo.ListItemsAsync(
                RequestReader.Id(id),
                RequestReader.QueryString(ctx, "status"),
                RequestReader.QueryLong(ctx, "afterId", 0),
                RequestReader.Limit(ctx, 50, 500),
                ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/annotation-queues/{id}/items", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
        {
            var queueId = RequestReader.Id(id);
            var body = await RequestReader.BodyAsync<ManualItemRequest>(ctx).ConfigureAwait(false);
            var item = await repo.AddItemAsync(queueId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/v1/annotation-queues/{queueId}/items/{item.Id}", item);
        });

        api.MapPost("/annotation-queues/{id}/claim", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
        {
            var queueId = RequestReader.Id(id);
            var body = ctx.Request.ContentLength is null or 0 && !ctx.Request.Headers.TransferEncoding.Any()
                ? new ClaimRequest()
                : await RequestReader.BodyAsync<ClaimRequest>(ctx).ConfigureAwait(false);
            var claimed = await repo.ClaimAsync(queueId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return claimed is null ? Results.NoContent() : Results.Ok(claimed);
        });

        api.MapPost("/annotation-queues/{id}/items/{itemId}/submit", async (string id, string itemId, HttpContext ctx, IAnnotationQueueRepository repo) =>
        {
            var (q, i) = (RequestReader.Id(id), RequestReader.Id(itemId, "item id"));
            var body = await RequestReader.BodyAsync<SubmitRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.SubmitAsync(q, i, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapPost("/annotation-queues/{id}/items/{itemId}/skip", async (string id, string itemId, HttpContext ctx, IAnnotationQueueRepository repo) =>
        {
            var (q, i) = (RequestReader.Id(id), RequestReader.Id(itemId, "item id"));
            var body = await RequestReader.BodyAsync<SkipRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.SkipAsync(q, i, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapPost("/annotation-queues/{id}/export", async (string id, HttpContext ctx, IAnnotationQueueRepository repo) =>
        {
            var queueId = RequestReader.Id(id);
            var body = await RequestReader.BodyAsync<ExportToDatasetRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.ExportToDatasetAsync(queueId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });
    }
}
