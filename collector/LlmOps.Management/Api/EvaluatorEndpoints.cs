using LlmOps.Management.Evaluators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

internal static class EvaluatorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/evaluators", async (HttpContext ctx, IEvaluatorRepository repo) =>
            Results.Ok(await repo.ListAsync(RequestReader.QueryString(ctx, "status"), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/evaluators", async (HttpContext ctx, IEvaluatorRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<EvaluatorRequest>(ctx).ConfigureAwait(false);
            var created = await repo.CreateAsync(body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/v1/evaluators/{created.Id}", created);
        });

        api.MapGet("/evaluators/{id}", async (string id, HttpContext ctx, IEvaluatorRepository repo) =>
            Results.Ok(await repo.GetAsync(RequestReader.Id(id), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPut("/evaluators/{id}", async (string id, HttpContext ctx, IEvaluatorRepository repo) =>
        {
            var evaluatorId = RequestReader.Id(id);
            var body = await RequestReader.BodyAsync<EvaluatorRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.UpdateAsync(evaluatorId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapDelete("/evaluators/{id}", async (string id, HttpContext ctx, IEvaluatorRepository repo) =>
        {
            await repo.DeleteAsync(RequestReader.Id(id), Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });

        api.MapPost("/evaluators/{id}/enable", async (string id, HttpContext ctx, IEvaluatorRepository repo) =>
            Results.Ok(await repo.SetStatusAsync(RequestReader.Id(id), "active", Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/evaluators/{id}/disable", async (string id, HttpContext ctx, IEvaluatorRepository repo) =>
            Results.Ok(await repo.SetStatusAsync(RequestReader.Id(id), "disabled", Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/evaluator-templates", () => Results.Ok(EvaluatorTemplates.All));

        api.MapGet("/evaluation-logs", async (HttpContext ctx, IEvaluatorRepository repo) =>
        {
            var (from, to) = RequestReader.QueryTimeRange(ctx);
            var (minScore, maxScore) = (QueryDouble(ctx, "minScore"), QueryDouble(ctx, "maxScore"));
            if (minScore > maxScore)
            {
                throw ApiProblemException.BadRequest($"query parameter 'minScore' ({minScore.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}) must not be greater than 'maxScore' ({maxScore!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            }

            var query = new EvaluationLogQuery(
                RequestReader.QueryString(ctx, "evaluator"),
                RequestReader.QueryString(ctx, "status"),
                RequestReader.QueryString(ctx, "traceId"),
                from,
                to,
                minScore,
                maxScore,
                RequestReader.QueryLong(ctx, "beforeId", 1),
                RequestReader.Limit(ctx));
            var items = await repo.QueryLogsAsync(query, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { items, nextBeforeId = items.Count == query.Limit ? items[^1].Id : (long?)null });
        });
    }

    private static double? QueryDouble(HttpContext ctx, string name)
    {
        var raw = RequestReader.QueryString(ctx, name);
        if (raw is null)
        {
            return null;
        }

        return double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw ApiProblemException.BadRequest($"query parameter '{name}' must be a number");
    }
}
