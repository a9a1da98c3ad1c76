using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Ui.Api;

/// <summary>
/// The console's read-only additions to <c>/api/v1</c>: <c>GET /dashboard/summary?from=</c> (totals, KPIs, chart
/// series), <c>GET /dashboard/drift</c> (drift findings with root-cause sentences) and
/// <c>GET /dashboard/trace-scores?trace_id=a,b</c> (average score per name of each listed trace).
/// </summary>
internal static class DashboardEndpoints
{
    public const int MaxTraceIds = 500;

    /// <summary>Same value as the management assembly's <c>ApiAccess.FilterServiceKey</c> (this project does not reference it).</summary>
    private const string AccessFilterKey = "llmops.api-access";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dashboard");

        // The management API's access rules (keys with the read scope, rate limits) when it is hosted alongside.
        if (app.ServiceProvider.GetKeyedService<IEndpointFilter>(AccessFilterKey) is { } access)
        {
            group.AddEndpointFilter(access);
        }

        group.MapGet("/summary", async (HttpContext context, DashboardQueries queries) =>
        {
            if (!queries.Available)
            {
                return NoStore();
            }

            long? from = null;
            if (context.Request.Query.TryGetValue("from", out var f))
            {
                if (!DateTimeOffset.TryParse(f.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                {
                    return Results.Problem(statusCode: 400, title: "Invalid query parameter", detail: "from must be an RFC 3339 time (2026-01-31T12:00:00Z)");
                }

                from = Math.Max(0, Processors.Model.UnixNanos.From(t));
            }

            return Results.Text((await queries.SummaryAsync(from, context.RequestAborted).ConfigureAwait(false)).ToJsonString(), "application/json; charset=utf-8");
        });
        group.MapGet("/drift", async (HttpContext context, DashboardQueries queries) =>
            queries.Available
                ? Results.Text((await queries.DriftAsync(context.RequestAborted).ConfigureAwait(false)).ToJsonString(), "application/json; charset=utf-8")
                : NoStore());
        group.MapGet("/trace-scores", async (HttpContext context, DashboardQueries queries) =>
        {
            if (!queries.Available)
            {
                return NoStore();
            }

            var ids = context.Request.Query["trace_id"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => v.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count > MaxTraceIds || ids.Exists(i => i.Length != 32 || !i.All(char.IsAsciiHexDigit)))
            {
                return Results.Problem(statusCode: 400, title: "Invalid query parameter", detail: $"trace_id must be up to {MaxTraceIds} comma-separated 32-hex trace ids");
            }

            JsonObject scores = await queries.TraceScoresAsync(ids, context.RequestAborted).ConfigureAwait(false);
            return Results.Text(scores.ToJsonString(), "application/json; charset=utf-8");
        });
        return app;
    }

    private static IResult NoStore() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No telemetry store", detail: "The collector has no storage exporter configured.");
}
