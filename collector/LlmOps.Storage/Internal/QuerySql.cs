using System.Globalization;
using LlmOps.Storage.Queries;

namespace LlmOps.Storage.Internal;

/// <summary>Builds the trace and session searches (keyset pagination over a total order: sort key, then id).</summary>
internal static class QuerySql
{
    /// <summary>How much of the input/output text a list row carries (the detail view has it all).</summary>
    public const int PreviewChars = 1000;

    public static (string Sql, SqlBuilder Builder) Traces(TraceQuery q, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(q);
        var b = new SqlBuilder();
        var sortColumn = SortColumn(q.Sort);
        if (q.FromUnixNano is { } from)
        {
            b.Where("t.start_ns >= " + b.Param(from));
        }

        if (q.ToUnixNano is { } to)
        {
            b.Where("t.start_ns < " + b.Param(to));
        }

        if (q.Name is not null)
        {
            b.Where("t.name = " + b.Param(q.Name));
        }

        if (q.Model is not null)
        {
            b.Where(dialect.ModelContains("t.models", b.Param(ModelSet.Needle(q.Model))));
        }

        if (q.UserId is not null)
        {
            b.Where("t.user_id = " + b.Param(q.UserId));
        }

        if (q.SessionId is not null)
        {
            b.Where("t.session_id = " + b.Param(q.SessionId));
        }

        if (q.Status is { } status)
        {
            b.Where("t.status_code = " + b.Param((long)status));
        }

        // Range filters on other columns must not steal the index that yields the requested order: with a LIMIT,
        // walking the order and filtering stops after a page, while a range scan would sort every match.
        var duration = q.Sort == TraceSort.Duration ? "t.duration_ms" : dialect.NoIndex("t.duration_ms");
        if (q.MinDurationMs is { } minD)
        {
            b.Where(duration + " >= " + b.Param(minD));
        }

        if (q.MaxDurationMs is { } maxD)
        {
            b.Where(duration + " <= " + b.Param(maxD));
        }

        var cost = q.Sort == TraceSort.Cost ? "t.cost_usd" : dialect.NoIndex("t.cost_usd");
        if (q.MinCostUsd is { } minC)
        {
            b.Where(cost + " >= " + b.Param(minC));
        }

        if (q.MaxCostUsd is { } maxC)
        {
            b.Where(cost + " <= " + b.Param(maxC));
        }

        if (q.Text is not null)
        {
            var words = SearchText.Words(q.Text);
            if (words.Count > 0)
            {
                b.Where(dialect.TextMatches(b, words));
            }
        }

        if (q.After is { } after)
        {
            // Boxed apiece: a conditional of long and double is a double, and start times in nanoseconds (~1.8e18)
            // would lose up to 128 ns, repeating or skipping rows at page boundaries.
            var value = q.Sort is TraceSort.StartTime or TraceSort.Tokens
                ? (object)long.Parse(after.SortValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : double.Parse(after.SortValue, NumberStyles.Float, CultureInfo.InvariantCulture);
            var v = b.Param(value);
            var id = b.Param(after.TraceId);
            b.Where(q.Descending
                ? $"{sortColumn} <= {v} AND ({sortColumn} < {v} OR t.trace_id < {id})"
                : $"{sortColumn} >= {v} AND ({sortColumn} > {v} OR t.trace_id > {id})");
        }

        var dir = q.Descending ? "DESC" : "ASC";
        var select = SelectTraces(dialect);
        var sql = $"{select} FROM traces t{b.WhereClause()} ORDER BY {sortColumn} {dir}, t.trace_id {dir} LIMIT {b.Param((long)q.Limit + 1)}";
        return (sql, b);
    }

    public static string SelectTraces(SqlDialect dialect) =>
        "SELECT " + RowReader.TraceSelectList
            .Replace("t.input_text", dialect.Prefix("t.input_text", PreviewChars), StringComparison.Ordinal)
            .Replace("t.output_text", dialect.Prefix("t.output_text", PreviewChars), StringComparison.Ordinal);

    public static string SortColumn(TraceSort sort) => sort switch
    {
        TraceSort.Duration => "t.duration_ms",
        TraceSort.Cost => "t.cost_usd",
        TraceSort.Tokens => "t.total_tokens",
        _ => "t.start_ns",
    };

    public static string SortValue(TraceSummary t, TraceSort sort) => sort switch
    {
        TraceSort.Duration => t.DurationMs.ToString("R", CultureInfo.InvariantCulture),
        TraceSort.Cost => (t.CostUsd ?? 0).ToString("R", CultureInfo.InvariantCulture),
        TraceSort.Tokens => t.TotalTokens.ToString(CultureInfo.InvariantCulture),
        _ => t.StartTimeUnixNano.ToString(CultureInfo.InvariantCulture),
    };

    public static TracePage Page(List<TraceSummary> rows, TraceQuery q)
    {
        if (rows.Count <= q.Limit)
        {
            return new TracePage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new TracePage(rows, new TraceCursor(q.Sort, q.Descending, SortValue(last, q.Sort), last.TraceId));
    }

    public static (string Sql, SqlBuilder Builder) Sessions(SessionQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var b = new SqlBuilder();
        if (q.UserId is not null)
        {
            b.Where("s.user_id = " + b.Param(q.UserId));
        }

        if (q.FromUnixNano is { } from)
        {
            b.Where("s.last_seen_ns >= " + b.Param(from));
        }

        if (q.ToUnixNano is { } to)
        {
            b.Where("s.first_seen_ns < " + b.Param(to));
        }

        if (q.After is { } after)
        {
            var v = b.Param(after.LastSeenUnixNano);
            var id = b.Param(after.SessionId);
            b.Where($"s.last_seen_ns <= {v} AND (s.last_seen_ns < {v} OR s.session_id < {id})");
        }

        var sql = $"SELECT {RowReader.SessionSelectList} FROM sessions s{b.WhereClause()} ORDER BY s.last_seen_ns DESC, s.session_id DESC LIMIT {b.Param((long)q.Limit + 1)}";
        return (sql, b);
    }

    public static SessionPage Page(List<SessionSummary> rows, SessionQuery q)
    {
        if (rows.Count <= q.Limit)
        {
            return new SessionPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new SessionPage(rows, new SessionCursor(last.LastSeenUnixNano, last.SessionId));
    }

    /// <summary>The session's traces in conversation order, with their full input and output.</summary>
    public static string SessionTraces(string sessionParam, string limitParam) =>
        $"SELECT {RowReader.TraceSelectList} FROM traces t WHERE t.session_id = {sessionParam} ORDER BY t.start_ns, t.trace_id LIMIT {limitParam}";

    public static string TraceById(string param) => $"SELECT {RowReader.TraceSelectList} FROM traces t WHERE t.trace_id = {param}";

    public static string SessionById(string param) => $"SELECT {RowReader.SessionSelectList} FROM sessions s WHERE s.session_id = {param}";

    /// <summary>All spans of a trace (parameter <c>@id</c>) with their resource columns last.</summary>
    public static string TraceSpans(SqlDialect dialect) =>
        $"SELECT {SpanColumns.SelectList("s")}, r.schema_url, r.attributes FROM spans s LEFT JOIN resources r ON r.id = s.resource_id "
        + $"WHERE {dialect.SpansOfTrace("s", "@id")} ORDER BY s.start_time_unix_nano, s.span_id";

    /// <summary>The stored documents of a trace's retrieval spans (parameter <c>@id</c>), in start order.</summary>
    public static string TraceRetrievalDocuments(SqlDialect dialect) =>
        $"SELECT s.retrieval_documents FROM spans s WHERE {dialect.SpansOfTrace("s", "@id")} AND s.operation = 'retrieval' AND s.retrieval_documents IS NOT NULL "
        + "ORDER BY s.start_time_unix_nano, s.span_id";

    /// <summary>Evaluation results of a trace (parameter <c>@id</c>): by trace id, or by the response id of one of its spans.</summary>
    public static readonly string TraceEvaluations =
        $"SELECT {RowReader.EvaluationSelectList} FROM evaluation_results e WHERE e.trace_id = @id "
        + $"UNION SELECT {RowReader.EvaluationSelectList} FROM evaluation_results e JOIN spans s ON s.trace_id = @id AND s.response_id IS NOT NULL AND e.response_id = s.response_id "
        + "ORDER BY 9, 1, 8";
}
