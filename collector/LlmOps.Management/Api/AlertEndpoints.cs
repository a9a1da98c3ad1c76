using LlmOps.Management.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

internal static class AlertEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", async (HttpContext ctx, IAlertRuleStore store) =>
            Results.Ok(await store.GetActiveAsync(ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/alerts/history", async (HttpContext ctx, IAlertRepository repo) =>
            Results.Ok(await repo.HistoryAsync(
                RequestReader.QueryLong(ctx, "ruleId", 1),
                RequestReader.QueryString(ctx, "event"),
                RequestReader.QueryLong(ctx, "beforeId", 1),
                RequestReader.Limit(ctx),
                ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/alerts/{id}/acknowledge", async (string id, HttpContext ctx, IAlertRepository repo) =>
        {
            var alertId = RequestReader.Id(id, "alert id");
            var body = ctx.Request.ContentLength is null or 0 && !ctx.Request.Headers.TransferEncoding.Any()
                ? new AcknowledgeRequest()
                : await RequestReader.BodyAsync<AcknowledgeRequest>(ctx).ConfigureAwait(false);
            if (body.Comment is { Length: > 2000 })
            {
                throw ApiProblemException.Validation(["comment: must be at most 2000 characters"]);
            }

            return Results.Ok(await repo.AcknowledgeAsync(alertId, body.Comment, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapGet("/alerts/rules", async (HttpContext ctx, IAlertRepository repo) =>
            Results.Ok(await repo.ListRulesAsync(ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/alerts/rules", async (HttpContext ctx, IAlertRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<AlertRuleRequest>(ctx).ConfigureAwait(false);
            var created = await repo.CreateRuleAsync(body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/v1/alerts/rules/{created.Id}", created);
        });

        api.MapGet("/alerts/rules/{id}", async (string id, HttpContext ctx, IAlertRepository repo) =>
            Results.Ok(await repo.GetRuleAsync(RequestReader.Id(id, "rule id"), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPut("/alerts/rules/{id}", async (string id, HttpContext ctx, IAlertRepository repo) =>
        {
            var ruleId = RequestReader.Id(id, "rule id");
            var body = await RequestReader.BodyAsync<AlertRuleRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.UpdateRuleAsync(ruleId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapDelete("/alerts/rules/{id}", async (string id, HttpContext ctx, IAlertRepository repo) =>
        {
            await repo.DeleteRuleAsync(RequestReader.Id(id, "rule id"), Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });

        api.MapPost("/alerts/rules/{id}/mute", async (string id, HttpContext ctx, IAlertRepository repo) =>
        {
            var ruleId = RequestReader.Id(id, "rule id");
            var body = await RequestReader.BodyAsync<MuteRequest>(ctx).ConfigureAwait(false);
            if (body.Minutes is not (>= 1 and <= 43_200))
            {
                throw ApiProblemException.Validation(["minutes: is required, between 1 and 43200"]);
            }

            return Results.Ok(await repo.MuteAsync(ruleId, TimeSpan.FromMinutes(body.Minutes.Value), Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapPost("/alerts/rules/{id}/unmute", async (string id, HttpContext ctx, IAlertRepository repo) =>
            Results.Ok(await repo.MuteAsync(RequestReader.Id(id, "rule id"), null, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false)));
    }
}
