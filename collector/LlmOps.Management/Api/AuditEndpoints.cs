using System.Text;
using LlmOps.Management.Audit;
using LlmOps.Management.Datasets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Management.Api;

internal static class AuditEndpoints
{
    private const int MaxExport = 1_000_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (HttpContext ctx, IAuditLog audit) =>
        {
            var query = Query(ctx, RequestReader.Limit(ctx));
            var items = await audit.ListAsync(query, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { items, nextBeforeId = items.Count == query.Limit ? items[^1].Id : (long?)null });
        });

        api.MapGet("/audit/verify", async (HttpContext ctx, IAuditLog audit) =>
            Results.Ok(await audit.VerifyAsync(ctx.RequestAborted).ConfigureAwait(false)));

        api.MapGet("/audit/export", async (HttpContext ctx, IAuditLog audit) =>
        {
            var query = Query(ctx, MaxExport);
            ctx.Response.ContentType = "text/csv; charset=utf-8";
            ctx.Response.Headers.ContentDisposition = "attachment; filename=\"audit-log.csv\"";
            var sb = new StringBuilder();
            CsvCodec.AppendRow(sb, ["id", "timestamp", "type", "action", "actor", "details", "prev_hash", "hash"]);
            await foreach (var e in audit.ExportAsync(query, RequestReader.QueryLong(ctx, "max", 1, MaxExport) is { } m ? (int)m : MaxExport, ctx.RequestAborted).ConfigureAwait(false))
            {
                CsvCodec.AppendRow(sb, [e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture), e.Type, e.Action, e.Actor, e.Details.GetRawText(), e.PrevHash, e.Hash]);
                if (sb.Length > 64 * 1024)
                {
                    await ctx.Response.WriteAsync(sb.ToString(), ctx.RequestAborted).ConfigureAwait(false);
                    sb.Clear();
                }
            }

            await ctx.Response.WriteAsync(sb.ToString(), ctx.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        });
    }

    private static AuditQuery Query(HttpContext ctx, int limit)
    {
        var type = RequestReader.QueryString(ctx, "type");
        if (type is not null && !AuditTypes.All.Contains(type, StringComparer.Ordinal))
        {
            throw ApiProblemException.BadRequest($"type must be one of {string.Join(", ", AuditTypes.All)} (got '{RequestReader.Truncate(type)}')");
        }

        var (from, to) = RequestReader.QueryTimeRange(ctx);
        return new(
            type,
            RequestReader.QueryString(ctx, "action"),
            RequestReader.QueryString(ctx, "actor"),
            RequestReader.QueryString(ctx, "q"),
            from,
            to,
            RequestReader.QueryLong(ctx, "beforeId", 1),
            limit);
    }
}
