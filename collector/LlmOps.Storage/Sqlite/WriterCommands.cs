using System.Globalization;
using System.Text.RegularExpressions;
using LlmOps.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace LlmOps.Storage.Sqlite;

/// <summary>The writer's statements, prepared once and reused for every batch with the same parameter objects.</summary>
internal sealed partial class WriterCommands : IDisposable
{
    public const string RecomputeSessionSql = """
        INSERT INTO sessions (session_id, user_id, first_seen_ns, last_seen_ns, trace_count, error_trace_count, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans)
        SELECT t.session_id, min(t.user_id), min(t.start_ns), max(t.end_ns), count(*), sum(t.error_count > 0), sum(t.input_tokens), sum(t.output_tokens), sum(t.total_tokens), sum(t.cost_usd), sum(t.priced_spans)
        FROM traces t WHERE t.session_id = $session GROUP BY t.session_id
        ON CONFLICT (session_id) DO UPDATE SET
            user_id = excluded.user_id, first_seen_ns = excluded.first_seen_ns, last_seen_ns = excluded.last_seen_ns,
            trace_count = excluded.trace_count, error_trace_count = excluded.error_trace_count,
            input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens, total_tokens = excluded.total_tokens,
            cost_usd = excluded.cost_usd, priced_spans = excluded.priced_spans
        """;

    private const string UpsertTraceSql = """
        INSERT INTO traces (id, trace_id, root_span_id, name, service_name, start_ns, end_ns, duration_ms, span_count, error_count, status_code,
            models, user_id, session_id, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans, input_ns, input_text, output_ns, output_text)
        VALUES ($id, $trace_id, $root_span_id, $name, $service_name, $start_ns, $end_ns, ($end_ns - $start_ns) / 1000000.0, $span_count, $error_count, $status_code,
            $models, $user_id, $session_id, $input_tokens, $output_tokens, $input_tokens + $output_tokens, $cost_usd, $priced_spans, $input_ns, $input_text, $output_ns, $output_text)
        ON CONFLICT (trace_id) DO UPDATE SET
            root_span_id = coalesce(excluded.root_span_id, traces.root_span_id),
            name = CASE WHEN excluded.root_span_id IS NOT NULL THEN excluded.name
                        WHEN traces.root_span_id IS NULL AND excluded.start_ns < traces.start_ns THEN excluded.name ELSE traces.name END,
            service_name = CASE WHEN excluded.root_span_id IS NOT NULL THEN excluded.service_name
                        WHEN traces.root_span_id IS NULL AND excluded.start_ns < traces.start_ns THEN excluded.service_name ELSE traces.service_name END,
            start_ns = min(traces.start_ns, excluded.start_ns),
            end_ns = max(traces.end_ns, excluded.end_ns),
            duration_ms = (max(traces.end_ns, excluded.end_ns) - min(traces.start_ns, excluded.start_ns)) / 1000000.0,
            span_count = traces.span_count + excluded.span_count,
            error_count = traces.error_count + excluded.error_count,
            status_code = CASE WHEN traces.error_count + excluded.error_count > 0 THEN 2
                        WHEN excluded.root_span_id IS NOT NULL THEN excluded.status_code ELSE traces.status_code END,
            models = llmops_merge_models(traces.models, excluded.models),
            user_id = coalesce(traces.user_id, excluded.user_id),
            session_id = coalesce(traces.session_id, excluded.session_id),
            input_tokens = traces.input_tokens + excluded.input_tokens,
            output_tokens = traces.output_tokens + excluded.output_tokens,
            total_tokens = traces.total_tokens + excluded.total_tokens,
            cost_usd = traces.cost_usd + excluded.cost_usd,
            priced_spans = traces.priced_spans + excluded.priced_spans,
            input_ns = CASE WHEN excluded.input_ns IS NOT NULL AND (traces.input_ns IS NULL OR excluded.input_ns < traces.input_ns) THEN excluded.input_ns ELSE traces.input_ns END,
            input_text = CASE WHEN excluded.input_ns IS NOT NULL AND (traces.input_ns IS NULL OR excluded.input_ns < traces.input_ns) THEN excluded.input_text ELSE traces.input_text END,
            output_ns = CASE WHEN excluded.output_ns IS NOT NULL AND (traces.output_ns IS NULL OR excluded.output_ns > traces.output_ns) THEN excluded.output_ns ELSE traces.output_ns END,
            output_text = CASE WHEN excluded.output_ns IS NOT NULL AND (traces.output_ns IS NULL OR excluded.output_ns > traces.output_ns) THEN excluded.output_text ELSE traces.output_text END
        """;

    /// <summary>Adds the traces a batch created to one session (<see cref="Internal.SessionDeltas"/>); parameters by position.</summary>
    private const string AddToSessionSql = """
        INSERT INTO sessions (session_id, user_id, first_seen_ns, last_seen_ns, trace_count, error_trace_count, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7 + ?8, ?9, ?10)
        ON CONFLICT (session_id) DO UPDATE SET
            user_id = CASE WHEN sessions.user_id IS NULL THEN excluded.user_id WHEN excluded.user_id IS NULL THEN sessions.user_id ELSE min(sessions.user_id, excluded.user_id) END,
            first_seen_ns = min(sessions.first_seen_ns, excluded.first_seen_ns),
            last_seen_ns = max(sessions.last_seen_ns, excluded.last_seen_ns),
            trace_count = sessions.trace_count + excluded.trace_count,
            error_trace_count = sessions.error_trace_count + excluded.error_trace_count,
            input_tokens = sessions.input_tokens + excluded.input_tokens,
            output_tokens = sessions.output_tokens + excluded.output_tokens,
            total_tokens = sessions.total_tokens + excluded.total_tokens,
            cost_usd = sessions.cost_usd + excluded.cost_usd,
            priced_spans = sessions.priced_spans + excluded.priced_spans
        """;

    private const string InsertLogSql = """
        INSERT INTO log_records (time_unix_nano, observed_time_unix_nano, severity_number, severity_text, trace_id, span_id, flags, event_name,
            resource_id, scope_name, scope_version, scope_attributes, body, attributes, dedup_key)
        VALUES ($time, $observed, $severity_number, $severity_text, $trace_id, $span_id, $flags, $event_name,
            $resource_id, $scope_name, $scope_version, $scope_attributes, $body, $attributes, $dedup_key)
        ON CONFLICT DO NOTHING
        """;

    private static readonly string[] TraceParameters =
    [
        "$trace_id", "$root_span_id", "$name", "$service_name", "$start_ns", "$end_ns", "$span_count", "$error_count", "$status_code", "$models",
        "$user_id", "$session_id", "$input_tokens", "$output_tokens", "$cost_usd", "$priced_spans", "$input_ns", "$input_text", "$output_ns", "$output_text", "$id",
    ];

    public WriterCommands(SqliteConnection c)
    {
        var names = SpanColumns.Names;
        var db = c.Handle ?? throw new InvalidOperationException("The writer connection must be open.");
        InsertSpan = new RawStatement(db, $"INSERT INTO spans ({string.Join(", ", names)}, trace_row) VALUES ({string.Join(", ", names.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture)))}, ?{TraceRowParameter}) ON CONFLICT (trace_row, span_id) DO NOTHING");
        TraceRow = new RawStatement(db, "SELECT id FROM traces WHERE trace_id = ?1");
        LastTraceRow = new RawStatement(db, "SELECT max(id) FROM traces");
        UpsertTrace = new RawStatement(db, Positional(UpsertTraceSql, TraceParameters));
        AddToSession = new RawStatement(db, AddToSessionSql);
        InsertResource = Create(c, "INSERT INTO resources (id, schema_url, attributes) VALUES ($id, $schema_url, $attributes) ON CONFLICT DO NOTHING", "$id", "$schema_url", "$attributes");
        InsertLog = Create(
            c,
            InsertLogSql,
            "$time", "$observed", "$severity_number", "$severity_text", "$trace_id", "$span_id", "$flags", "$event_name",
            "$resource_id", "$scope_name", "$scope_version", "$scope_attributes", "$body", "$attributes", "$dedup_key");
        _all = [InsertResource, InsertLog];
    }

    private readonly SqliteCommand[] _all;

    /// <summary>
    /// The span INSERT, bound by position: parameter <c>i + 1</c> is column <c>i</c> of <see cref="SpanColumns"/>, and
    /// <see cref="TraceRowParameter"/> the row id of the span's trace.
    /// </summary>
    public RawStatement InsertSpan { get; }

    public static int TraceRowParameter => SpanColumns.Names.Length + 1;

    /// <summary>The row id of a trace (parameter 1: its trace id), if it is stored.</summary>
    public RawStatement TraceRow { get; }

    /// <summary>The highest trace row id in use (null for no traces).</summary>
    public RawStatement LastTraceRow { get; }

    public SqliteCommand InsertResource { get; }

    /// <summary>The trace UPSERT, bound by position in the order of <see cref="TraceParameters"/>.</summary>
    public RawStatement UpsertTrace { get; }

    public SqliteCommand InsertLog { get; }

    /// <summary>Adds a batch's new traces to one session: session, user, first start, last end, count, errors, input and output tokens, cost, priced spans.</summary>
    public RawStatement AddToSession { get; }

    public void Enlist(SqliteTransaction tx)
    {
        foreach (var cmd in _all)
        {
            cmd.Transaction = tx;
        }
    }

    public void Dispose()
    {
        foreach (var cmd in _all)
        {
            cmd.Dispose();
        }

        InsertSpan.Dispose();
        UpsertTrace.Dispose();
        AddToSession.Dispose();
        TraceRow.Dispose();
        LastTraceRow.Dispose();
    }

    /// <summary>Rewrites <c>$name</c> parameters as <c>?N</c>, N being the name's 1-based position in <paramref name="names"/>.</summary>
    private static string Positional(string sql, string[] names) =>
        ParameterName().Replace(sql, m =>
        {
            var i = Array.IndexOf(names, m.Value);
            return i < 0 ? throw new InvalidOperationException($"Unknown parameter {m.Value}.") : "?" + (i + 1).ToString(CultureInfo.InvariantCulture);
        });

    private static SqliteCommand Create(SqliteConnection c, string sql, params string[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(p, null));
        }

        return cmd;
    }

    [GeneratedRegex(@"\$[a-z_]+", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
