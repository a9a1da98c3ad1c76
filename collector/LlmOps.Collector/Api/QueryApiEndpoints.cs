using LlmOps.Storage;
using LlmOps.Storage.Queries;
using Microsoft.AspNetCore.Http.Features;

namespace LlmOps.Collector.Api;

/// <summary>
/// The read API over the store: trace search and detail, session list and detail (the conversation). Bad parameters
/// give 400 with a problem body whose <c>parameter</c> names the culprit; unknown ids give 404. Access (keys, scopes,
/// rate limits) is the management API's.
/// </summary>
internal static class QueryApiEndpoints
{
    public const int DefaultSessionTraces = 200;
    public const int MaxSessionTraces = 1000;

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1");

        // Same access rules as the management API's reads (a key with the read scope once keys exist), when present.
        if (app.ServiceProvider.GetKeyedService<IEndpointFilter>(LlmOps.Management.Api.ApiAccess.FilterServiceKey) is { } access)
        {
            group.AddEndpointFilter(access);
        }

        group.MapGet("/traces", (Func<HttpContext, Task<IResult>>)ListTracesAsync);
        group.MapGet("/traces/{traceId}", GetTraceAsync);
        group.MapGet("/sessions", (Func<HttpContext, Task<IResult>>)ListSessionsAsync);
        group.MapGet("/sessions/{sessionId}", GetSessionAsync);
        return app;
    }

    private static async Task<IResult> ListTracesAsync(HttpContext context)
    {
        TraceQuery query;
        try
        {
            query = QueryParameters.ParseTraceQuery(context.Request.Query);
        }
        catch (QueryParameterException ex)
        {
            return BadParameter(ex);
        }

        var page = await Store(context).QueryTracesAsync(query, context.RequestAborted).ConfigureAwait(false);
        return new JsonBodyResult(w => QueryJson.WriteTracePage(w, page));
    }

    private static async Task<IResult> GetTraceAsync(HttpContext context, string traceId)
    {
        var id = traceId.ToLowerInvariant();
        if (!StoreIds.IsTraceId(id))
        {
            return BadParameter(new QueryParameterException("traceId", "traceId must be 32 hexadecimal characters"));
        }

        var detail = await Store(context).GetTraceAsync(id, context.RequestAborted).ConfigureAwait(false);
        return detail is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Trace not found", detail: $"No trace {id} is stored.")
            : new JsonBodyResult(w => QueryJson.WriteTraceDetail(w, detail));
    }

    private static async Task<IResult> ListSessionsAsync(HttpContext context)
    {
        SessionQuery query;
        try
        {
            query = QueryParameters.ParseSessionQuery(context.Request.Query);
        }
        catch (QueryParameterException ex)
        {
            return BadParameter(ex);
        }

        var page = await Store(context).QuerySessionsAsync(query, context.RequestAborted).ConfigureAwait(false);
        return new JsonBodyResult(w => QueryJson.WriteSessionPage(w, page));
    }

    private static async Task<IResult> GetSessionAsync(HttpContext context, string sessionId)
    {
        int limit;
        try
        {
            limit = QueryParameters.Limit(context.Request.Query, "limit", DefaultSessionTraces, MaxSessionTraces);
        }
        catch (QueryParameterException ex)
        {
            return BadParameter(ex);
        }

        if (sessionId.Contains('%', StringComparison.Ordinal))
        {
            sessionId = StoreIds.LastPathSegment(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
        }

        if (sessionId.Length > 1024)
        {
            return BadParameter(new QueryParameterException("sessionId", "sessionId is longer than 1024 characters"));
        }

        var detail = await Store(context).GetSessionAsync(sessionId, limit, context.RequestAborted).ConfigureAwait(false);
        return detail is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: "No session with this id is stored.")
            : new JsonBodyResult(w => QueryJson.WriteSessionDetail(w, detail));
    }

    private static ITelemetryStore Store(HttpContext context) => context.RequestServices.GetRequiredService<ITelemetryStore>();

    private static IResult BadParameter(QueryParameterException ex) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid query parameter",
        detail: ex.Message,
        extensions: new Dictionary<string, object?> { ["parameter"] = ex.Parameter });
}
