using System.Text.Json;
using LlmOps.Management.Datasets;
using LlmOps.Management.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

internal static class DatasetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/datasets", async (HttpContext ctx, IDatasetRepository repo) =>
            Results.Ok(await repo.ListAsync(ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/datasets", async (HttpContext ctx, IDatasetRepository repo) =>
        {
            var body = await RequestReader.BodyAsync<DatasetRequest>(ctx).ConfigureAwait(false);
            var created = await repo.CreateAsync(body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/v1/datasets/{created.Id}", created);
        });

        api.MapGet("/datasets/{id}", async (string id, HttpContext ctx, IDatasetRepository repo) =>
            Results.Ok(await repo.GetAsync(RequestReader.Id(id), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPut("/datasets/{id}", async (string id, HttpContext ctx, IDatasetRepository repo) =>
        {
            var datasetId = RequestReader.Id(id);
            var body = await RequestReader.BodyAsync<DatasetRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.UpdateAsync(datasetId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapDelete("/datasets/{id}", async (string id, HttpContext ctx, IDatasetRepository repo) =>
        {
            await repo.DeleteAsync(RequestReader.Id(id), Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });

        api.MapGet("/datasets/{id}/items", async (string id, HttpContext ctx, IDatasetRepository repo) =>
            Results.Ok(await repo.ListItemsAsync(
                RequestReader.Id(id),
                RequestReader.QueryString(ctx, "status"),
                RequestReader.QueryLong(ctx, "afterId", 0),
                RequestReader.Limit(ctx, 100, 1000),
                ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPost("/datasets/{id}/items", async (string id, HttpContext ctx, IDatasetRepository repo) =>
        {
            var datasetId = RequestReader.Id(id);
            var body = await RequestReader.BodyElementAsync(ctx).ConfigureAwait(false);
            List<DatasetItemRequest> items;
            try
            {
                items = body.ValueKind == JsonValueKind.Array
                    ? body.Deserialize<List<DatasetItemRequest>>(RequestReader.Json) ?? []
                    : [body.Deserialize<DatasetItemRequest>(RequestReader.Json) ?? throw ApiProblemException.BadRequest("an item object is required")];
            }
            catch (JsonException e)
            {
                throw ApiProblemException.BadRequest($"invalid item{RequestReader.JsonError(e)}");
            }

            if (items.Count == 0)
            {
                throw ApiProblemException.BadRequest("no items given");
            }

            var added = await repo.AddItemsAsync(datasetId, items, "add_items", Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return body.ValueKind == JsonValueKind.Array
                ? Results.Created($"/api/v1/datasets/{datasetId}/items", added)
                : Results.Created($"/api/v1/datasets/{datasetId}/items/{added[0].Id}", added[0]);
        });

        api.MapGet("/datasets/{id}/items/{itemId}", async (string id, string itemId, HttpContext ctx, IDatasetRepository repo) =>
            Results.Ok(await repo.GetItemAsync(RequestReader.Id(id), RequestReader.Id(itemId, "item id"), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapPut("/datasets/{id}/items/{itemId}", async (string id, string itemId, HttpContext ctx, IDatasetRepository repo) =>
        {
            var (d, i) = (RequestReader.Id(id), RequestReader.Id(itemId, "item id"));
            var body = await RequestReader.BodyAsync<DatasetItemRequest>(ctx).ConfigureAwait(false);
            return Results.Ok(await repo.UpdateItemAsync(d, i, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false));
        });

        api.MapDelete("/datasets/{id}/items/{itemId}", async (string id, string itemId, HttpContext ctx, IDatasetRepository repo) =>
        {
            await repo.DeleteItemAsync(RequestReader.Id(id), RequestReader.Id(itemId, "item id"), Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });

        api.MapPost("/datasets/{id}/import", async (string id, HttpContext ctx, IDatasetRepository repo) =>
        {
            var datasetId = RequestReader.Id(id);
            var format = Format(ctx);
            var text = await RequestReader.BodyTextAsync(ctx).ConfigureAwait(false);
            var items = format == "csv" ? DatasetCodec.ParseCsv(text) : DatasetCodec.ParseJson(text);
            if (items.Count == 0)
            {
                throw ApiProblemException.BadRequest("the file contains no items");
            }

            var added = await repo.AddItemsAsync(datasetId, items, "import", Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { imported = added.Count, format });
        }).AllowLargeBody().AcceptBodyTypes("text/csv");

        api.MapGet("/datasets/{id}/export", async (string id, HttpContext ctx, IDatasetRepository repo) =>
        {
            var datasetId = RequestReader.Id(id);
            var format = Format(ctx, "json");
            var dataset = await repo.GetAsync(datasetId, ctx.RequestAborted).ConfigureAwait(false);
            var items = await repo.AllItemsAsync(datasetId, ctx.RequestAborted).ConfigureAwait(false);
            ctx.Response.Headers.ContentDisposition = ContentDisposition(dataset.Name, format);
            return format == "csv"
                ? Results.Text(DatasetCodec.ToCsv(items), "text/csv; charset=utf-8")
                : Results.Text(DatasetCodec.ToJson(items), "application/json; charset=utf-8");
        });

        api.MapGet("/dataset-evaluators", (IEnumerable<IDatasetEvaluator> evaluators) =>
            Results.Ok(evaluators.Select(e => e.Name).Order(StringComparer.Ordinal)));

        api.MapPost("/datasets/{id}/runs", async (string id, HttpContext ctx, IEvaluationRunRepository runs, EvaluationRunWorker worker) =>
        {
            var datasetId = RequestReader.Id(id);
            var body = await RequestReader.BodyAsync<RunRequest>(ctx).ConfigureAwait(false);
            var run = await runs.CreateAsync(datasetId, body, Actor.Of(ctx), ctx.RequestAborted).ConfigureAwait(false);
            worker.Enqueue(run.Id);
            return Results.Accepted($"/api/v1/runs/{run.Id}", run);
        });

        api.MapGet("/datasets/{id}/runs", async (string id, HttpContext ctx, IEvaluationRunRepository runs) =>
            Results.Ok(await runs.ListForDatasetAsync(RequestReader.Id(id), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/datasets/{id}/trend", async (string id, HttpContext ctx, IEvaluationRunRepository runs) =>
        {
            var list = await runs.ListForDatasetAsync(RequestReader.Id(id), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Ok(list.Where(r => r.Summary is not null).Select(r => new
            {
                runId = r.Id,
                createdAt = r.CreatedAt,
                promptName = r.PromptName,
                promptVersion = r.PromptVersion,
                model = r.Model,
                passRate = r.Summary!.PassRate,
                averageScore = r.Summary.AverageScore,
                averageLatencyMs = r.Summary.AverageLatencyMs,
                totalCostUsd = r.Summary.TotalCostUsd,
            }));
        });

        api.MapGet("/runs/compare", async (HttpContext ctx, IEvaluationRunRepository runs) =>
        {
            var a = RequestReader.QueryLong(ctx, "baseline", 1) ?? throw ApiProblemException.BadRequest("query parameter 'baseline' (a run id) is required");
            var b = RequestReader.QueryLong(ctx, "candidate", 1) ?? throw ApiProblemException.BadRequest("query parameter 'candidate' (a run id) is required");
            var metric = RequestReader.QueryString(ctx, "metric");
            var baseline = await runs.GetAsync(a, ctx.RequestAborted).ConfigureAwait(false);
            var candidate = await runs.GetAsync(b, ctx.RequestAborted).ConfigureAwait(false);
            if (a == b)
            {
                throw ApiProblemException.Unprocessable("compare two different runs");
            }

            if (baseline.DatasetId != candidate.DatasetId)
            {
                throw ApiProblemException.Unprocessable($"runs {a} and {b} evaluate different datasets; compare runs of the same dataset");
            }

            if (baseline.Status != "completed" || candidate.Status != "completed")
            {
                throw ApiProblemException.Unprocessable("both runs must be completed");
            }

            if (metric is not null && (!baseline.Evaluators.Contains(metric) || !candidate.Evaluators.Contains(metric)))
            {
                throw ApiProblemException.Unprocessable($"metric '{metric}' was not scored by both runs");
            }

            if (metric is null && !baseline.Evaluators.Intersect(candidate.Evaluators).Any())
            {
                throw ApiProblemException.Unprocessable("the runs share no evaluator");
            }

            var ra = await runs.ResultsAsync(a, ctx.RequestAborted).ConfigureAwait(false);
            var rb = await runs.ResultsAsync(b, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Ok(RunComparer.Compare(baseline, ra, candidate, rb, metric));
        });

        api.MapGet("/runs/{id}", async (string id, HttpContext ctx, IEvaluationRunRepository runs) =>
            Results.Ok(await runs.GetAsync(RequestReader.Id(id, "run id"), ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/runs/{id}/results", async (string id, HttpContext ctx, IEvaluationRunRepository runs) =>
            Results.Ok(await runs.ResultsAsync(RequestReader.Id(id, "run id"), ctx.RequestAborted).ConfigureAwait(false)));
    }

    /// <summary>
    /// An attachment named after the dataset: letters and digits kept, anything else '_'. Header values must be ASCII,
    /// so <c>filename</c> has '_' for every non-ASCII letter and <c>filename*</c> (RFC 6266, RFC 5987) the UTF-8 name.
    /// </summary>
    private static string ContentDisposition(string name, string format)
    {
        var fileName = new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray()) + "." + format;
        var ascii = new string(fileName.Select(c => char.IsAscii(c) ? c : '_').ToArray());
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    private static string Format(HttpContext ctx, string? fallback = null)
    {
        var format = RequestReader.QueryString(ctx, "format")?.ToLowerInvariant();
        if (format is null)
        {
            var type = ctx.Request.ContentType ?? string.Empty;
            format = type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ? "csv"
                : type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ? "json"
                : fallback;
        }

        return format is "csv" or "json"
            ? format
            : throw ApiProblemException.BadRequest("format must be 'csv' or 'json' (query parameter 'format' or Content-Type text/csv / application/json)");
    }
}
