using System.Data.Common;
using LlmOps.Processors.Model;
using LlmOps.Storage.Internal;
using LlmOps.Storage.Queries;
using Npgsql;
using NpgsqlTypes;

namespace LlmOps.Storage.Postgres;

/// <summary>
/// The shared store for teams and several collector replicas. A batch is one transaction of a few multi-row
/// statements (arrays + <c>unnest</c>), rows taken in a fixed key order so concurrent replicas do not deadlock; a
/// deadlock or serialization failure is retried. Idempotency rests on the same keys as in SQLite.
/// </summary>
internal sealed class PostgresTelemetryStore : ITelemetryStore
{
    private const int MaxAttempts = 4;
    private const int RetentionChunk = 2000;

    // Column types in SpanColumns order: t text, b bigint, d double precision.
    private const string SpanTypes = "ttttbbbdbttbttttttttbbbbtttttttdbbbtbtttttttt";
    private const string TraceTypes = "ttttbbbbbtttbbdbbtbt";

    /// <summary>Fewest spans per part when a batch is split over parallel transactions.</summary>
    internal const int MinSpansPerPart = 256;

    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresTelemetryStore(StorageOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("storage.connection_string is required for the postgres driver", nameof(options));
        }

        _options = options;
        _time = time;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public string Driver => StorageOptions.PostgresDriver;

    /// <summary>Null: the PostgreSQL index is updated in the writing transaction, so searches never lag.</summary>
    public SearchIndexStatus? SearchIndexStatus => null;

    public long? WalWaits => null;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecAsync(c, tx, $"SELECT pg_advisory_xact_lock({PostgresSchema.MigrationLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecAsync(c, tx, PostgresSchema.MigrationsTable, cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<long>();
        await using (var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", c, tx))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(r.GetInt64(0));
            }
        }

        foreach (var (version, description, sql) in PostgresSchema.Migrations)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await ExecAsync(c, tx, sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, description, applied_at_unix_ms) VALUES (@v, @d, @t)", c, tx);
            record.Parameters.AddWithValue("v", (long)version);
            record.Parameters.AddWithValue("d", description);
            record.Parameters.AddWithValue("t", _time.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var parts = Split(batch, _options.Writers);
        if (parts.Count == 1)
        {
            return await WriteWithRetriesAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        // Parts in parallel transactions; the batch counts as stored once all have committed.
        var results = await Task.WhenAll(parts.Select(p => WriteWithRetriesAsync(p, cancellationToken))).ConfigureAwait(false);
        return new WriteResult(
            results.Sum(r => r.SpansInserted),
            results.Sum(r => r.SpanDuplicates),
            results.Sum(r => r.EvaluationsInserted),
            results.Sum(r => r.LogsInserted));
    }

    /// <summary>
    /// The batch split by trace id into at most <paramref name="writers"/> parts of at least <see cref="MinSpansPerPart"/>
    /// spans (all spans of a trace in one part, so each trace row and its session are written by one transaction;
    /// logs and metrics in the first part), or the batch itself when it is too small to split.
    /// </summary>
    internal static List<TelemetryBatch> Split(TelemetryBatch batch, int writers)
    {
        var count = Math.Min(writers, batch.Spans.Count / MinSpansPerPart);
        if (count <= 1)
        {
            return [batch];
        }

        var parts = new List<TelemetryBatch>(count);
        for (var i = 0; i < count; i++)
        {
            parts.Add(new TelemetryBatch { Background = batch.Background });
        }

        foreach (var span in batch.Spans)
        {
            parts[(int)((uint)StringComparer.Ordinal.GetHashCode(span.TraceId) % (uint)count)].Spans.Add(span);
        }

        parts[0].Logs.AddRange(batch.Logs);
        parts[0].Metrics.AddRange(batch.Metrics);
        return parts;
    }

    private async Task<WriteResult> WriteWithRetriesAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<WriteResult> WriteOnceAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        using var scratch = new JsonScratch();
        var resources = new ResourceCache();
        var spans = new List<SpanRecord>(batch.Spans);
        spans.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.TraceId, b.TraceId);
            return c != 0 ? c : string.CompareOrdinal(a.SpanId, b.SpanId);
        });

        var spanArrays = new ColumnArrays(SpanTypes, spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            FillSpan(spanArrays, i, spans[i], resources.Get(scratch, spans[i].Resource).Id, scratch);
        }

        var evaluations = new List<EvaluationResultRecord>();
        var logs = new List<LogRow>();
        foreach (var log in batch.Logs)
        {
            var evaluation = log.Evaluation ?? GenAiNormalizer.NormalizeEvaluation(log);
            if (evaluation is not null)
            {
                evaluations.Add(evaluation);
            }
            else
            {
                logs.Add(LogRow.From(scratch, resources.Get(scratch, log.Resource), log));
            }
        }

        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var resourceRows = resources.Rows.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (resourceRows.Count > 0)
        {
            var ra = new ColumnArrays("ttt", resourceRows.Count);
            for (var i = 0; i < resourceRows.Count; i++)
            {
                ra.Text(0, i, resourceRows[i].Id);
                ra.Text(1, i, resourceRows[i].SchemaUrl);
                ra.Text(2, i, resourceRows[i].AttributesJson);
            }

            await using var cmd = new NpgsqlCommand($"INSERT INTO resources (id, schema_url, attributes) SELECT * FROM {ra.Unnest()} ON CONFLICT DO NOTHING", c, tx);
            ra.AddParameters(cmd);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rollup = new BatchRollup();
        var inserted = 0;
        var fresh = new List<SpanRecord>(spans.Count);
        if (spans.Count > 0)
        {
            var keys = new HashSet<(string, string)>();
            await using (var cmd = new NpgsqlCommand(
                $"INSERT INTO spans ({string.Join(", ", SpanColumns.Names)}) SELECT * FROM {spanArrays.Unnest()} ON CONFLICT (trace_id, span_id) DO NOTHING RETURNING trace_id, span_id",
                c,
                tx))
            {
                spanArrays.AddParameters(cmd);
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    keys.Add((r.GetString(0), r.GetString(1)));
                }
            }

            foreach (var span in spans)
            {
                // Remove, so a span repeated inside the batch counts once.
                if (keys.Remove((PgValues.Text(span.TraceId)!, PgValues.Text(span.SpanId)!)))
                {
                    inserted++;
                    rollup.Add(span);
                    fresh.Add(span);
                }
                else
                {
                    span.AlreadyStored = true;
                }
            }
        }

        if (rollup.Count > 0)
        {
            var traces = rollup.Ordered();
            var ta = new ColumnArrays(TraceTypes, traces.Count);
            var ids = new string?[traces.Count];
            var byId = new Dictionary<string, TraceRollup>(traces.Count, StringComparer.Ordinal);
            for (var i = 0; i < traces.Count; i++)
            {
                FillTrace(ta, i, traces[i]);
                ids[i] = PgValues.Text(traces[i].TraceId);
                byId[ids[i]!] = traces[i];
            }

            // Which of the batch's traces are stored already, and whether each has a session yet: locked in key order
            // (as the UPSERT below takes them), so no other writer changes them before this transaction ends.
            var stored = new Dictionary<string, bool>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand(LockTracesSql, c, tx))
            {
                cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored[r.GetString(0)] = r.GetBoolean(1);
                }
            }

            var deltas = new SessionRows();
            var recompute = new SortedSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand(UpsertTracesSql(ta.Unnest()), c, tx))
            {
                ta.AddParameters(cmd);
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (r.IsDBNull(1))
                    {
                        continue;
                    }

                    var traceId = r.GetString(0);
                    var session = r.GetString(1);
                    var wasStored = stored.TryGetValue(traceId, out var hadSession);
                    if (!wasStored && !r.GetBoolean(11))
                    {
                        // Another writer stored the trace between the lock and the UPSERT: what it had is unknown here.
                        recompute.Add(session);
                        continue;
                    }

                    var user = r.IsDBNull(2) ? null : r.GetString(2);
                    var start = r.GetInt64(3);
                    var end = r.GetInt64(4);
                    var errors = r.GetInt64(5);
                    if (!hadSession)
                    {
                        // New to the session (a new trace, or a stored one that had no session until now): all of it counts.
                        deltas.Add(session, user, start, end, 1, errors > 0 ? 1 : 0, r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetDouble(9), r.GetInt64(10));
                    }
                    else
                    {
                        // Already counted: only what this batch added to it.
                        var added = byId[traceId];
                        var nowFailing = errors > 0 && errors == added.ErrorCount ? 1 : 0;
                        deltas.Add(session, user, start, end, 0, nowFailing, added.InputTokens, added.OutputTokens, added.InputTokens + added.OutputTokens, added.CostUsd, added.PricedSpans);
                    }
                }
            }

            if (deltas.Count > 0)
            {
                var sa = deltas.ToArrays();
                await using var cmd = new NpgsqlCommand(AddToSessionsSql(sa.Unnest()), c, tx);
                sa.AddParameters(cmd);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (recompute.Count > 0)
            {
                await using var cmd = new NpgsqlCommand(RecomputeSessionsSql, c, tx);
                cmd.Parameters.Add(new NpgsqlParameter("sessions", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = recompute.ToArray() });
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var evaluationCount = evaluations.Count > 0 ? await InsertEvaluationsAsync(c, tx, evaluations, cancellationToken).ConfigureAwait(false) : 0;
        var logCount = logs.Count > 0 ? await InsertLogsAsync(c, tx, logs, cancellationToken).ConfigureAwait(false) : 0;
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Stored now, even if another part of the batch fails: see SpanRecord.NewlyStored.
        foreach (var span in fresh)
        {
            span.NewlyStored = true;
        }

        return new WriteResult(inserted, spans.Count - inserted, evaluationCount, logCount);
    }

    private static void FillSpan(ColumnArrays a, int i, SpanRecord s, string resourceId, JsonScratch scratch)
    {
        var g = s.GenAi;
        a.Text(SpanColumns.TraceId, i, s.TraceId);
        a.Text(SpanColumns.SpanId, i, s.SpanId);
        a.Text(SpanColumns.ParentSpanId, i, s.ParentSpanId);
        a.Text(SpanColumns.Name, i, s.Name);
        a.Long(SpanColumns.Kind, i, (long)s.Kind);
        a.Long(SpanColumns.StartTime, i, s.StartTimeUnixNano);
        a.Long(SpanColumns.EndTime, i, s.EndTimeUnixNano);
        a.Double(SpanColumns.DurationMs, i, s.DurationMs);
        a.Long(SpanColumns.StatusCode, i, (long)s.StatusCode);
        a.Text(SpanColumns.StatusMessage, i, PgValues.NullIfEmpty(s.StatusMessage));
        a.Text(SpanColumns.TraceState, i, PgValues.NullIfEmpty(s.TraceState));
        a.Long(SpanColumns.Flags, i, s.Flags);
        a.Text(SpanColumns.ServiceName, i, s.Resource.ServiceName);
        a.Text(SpanColumns.ScopeName, i, PgValues.NullIfEmpty(s.Scope.Name));
        a.Text(SpanColumns.ScopeVersion, i, PgValues.NullIfEmpty(s.Scope.Version));
        a.Text(SpanColumns.Operation, i, g.Operation);
        a.Text(SpanColumns.Provider, i, g.Provider);
        a.Text(SpanColumns.RequestModel, i, g.RequestModel);
        a.Text(SpanColumns.ResponseModel, i, g.ResponseModel);
        a.Text(SpanColumns.ResponseId, i, g.ResponseId);
        a.Long(SpanColumns.InputTokens, i, g.InputTokens);
        a.Long(SpanColumns.OutputTokens, i, g.OutputTokens);
        a.Long(SpanColumns.CachedInputTokens, i, g.CachedInputTokens);
        a.Long(SpanColumns.ReasoningTokens, i, g.ReasoningTokens);
        a.Text(SpanColumns.ConversationId, i, g.ConversationId);
        a.Text(SpanColumns.SessionId, i, g.SessionId);
        a.Text(SpanColumns.UserId, i, g.UserId);
        a.Text(SpanColumns.FinishReasons, i, SpanJson.Strings(scratch, g.FinishReasons));
        a.Text(SpanColumns.ErrorType, i, g.ErrorType);
        a.Text(SpanColumns.PromptName, i, g.PromptName);
        a.Text(SpanColumns.PromptVersion, i, g.PromptVersion);
        a.Double(SpanColumns.CostUsd, i, s.CostUsd);
        a.Long(SpanColumns.DroppedAttributesCount, i, s.DroppedAttributesCount);
        a.Long(SpanColumns.DroppedEventsCount, i, s.DroppedEventsCount);
        a.Long(SpanColumns.DroppedLinksCount, i, s.DroppedLinksCount);
        a.Text(SpanColumns.ResourceId, i, resourceId);
        a.Long(SpanColumns.IsGenAi, i, g.IsGenAi ? 1 : 0);
        a.Text(SpanColumns.InputText, i, g.InputText);
        a.Text(SpanColumns.OutputText, i, g.OutputText);
        a.Text(SpanColumns.Attributes, i, SpanJson.Attributes(scratch, s.Attributes));
        a.Text(SpanColumns.Events, i, SpanJson.Events(scratch, s.Events));
        a.Text(SpanColumns.Links, i, SpanJson.Links(scratch, s.Links));
        a.Text(SpanColumns.ScopeAttributes, i, SpanJson.Attributes(scratch, s.Scope.Attributes));
        a.Text(SpanColumns.RetrievalDocuments, i, SpanJson.Documents(scratch, g.RetrievalDocuments));
        a.Text(SpanColumns.GuardrailFlags, i, SpanJson.Guardrails(scratch, s.GuardrailFlags));
    }

    private static void FillTrace(ColumnArrays a, int i, TraceRollup t)
    {
        a.Text(0, i, t.TraceId);
        a.Text(1, i, t.RootSpanId);
        a.Text(2, i, t.Name);
        a.Text(3, i, t.ServiceName);
        a.Long(4, i, t.StartNs);
        a.Long(5, i, t.EndNs);
        a.Long(6, i, t.SpanCount);
        a.Long(7, i, t.ErrorCount);
        a.Long(8, i, t.StatusCode);
        a.Text(9, i, ModelSet.Format(t.Models));
        a.Text(10, i, t.UserId);
        a.Text(11, i, t.SessionId);
        a.Long(12, i, t.InputTokens);
        a.Long(13, i, t.OutputTokens);
        a.Double(14, i, t.CostUsd);
        a.Long(15, i, t.PricedSpans);
        a.Long(16, i, t.InputNs);
        a.Text(17, i, t.InputText);
        a.Long(18, i, t.OutputNs);
        a.Text(19, i, t.OutputText);
    }

    private static string UpsertTracesSql(string unnest) => $"""
        INSERT INTO traces AS tr (trace_id, root_span_id, name, service_name, start_ns, end_ns, duration_ms, span_count, error_count, status_code,
            models, user_id, session_id, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans, input_ns, input_text, output_ns, output_text)
        SELECT u.trace_id, u.root_span_id, u.name, u.service_name, u.start_ns, u.end_ns, (u.end_ns - u.start_ns) / 1000000.0, u.span_count, u.error_count, u.status_code,
            u.models, u.user_id, u.session_id, u.input_tokens, u.output_tokens, u.input_tokens + u.output_tokens, u.cost_usd, u.priced_spans, u.input_ns, u.input_text, u.output_ns, u.output_text
        FROM {unnest} AS u (trace_id, root_span_id, name, service_name, start_ns, end_ns, span_count, error_count, status_code, models,
            user_id, session_id, input_tokens, output_tokens, cost_usd, priced_spans, input_ns, input_text, output_ns, output_text)
        ORDER BY u.trace_id
        ON CONFLICT (trace_id) DO UPDATE SET
            root_span_id = coalesce(excluded.root_span_id, tr.root_span_id),
            name = CASE WHEN excluded.root_span_id IS NOT NULL THEN excluded.name
                        WHEN tr.root_span_id IS NULL AND excluded.start_ns < tr.start_ns THEN excluded.name ELSE tr.name END,
            service_name = CASE WHEN excluded.root_span_id IS NOT NULL THEN excluded.service_name
                        WHEN tr.root_span_id IS NULL AND excluded.start_ns < tr.start_ns THEN excluded.service_name ELSE tr.service_name END,
            start_ns = least(tr.start_ns, excluded.start_ns),
            end_ns = greatest(tr.end_ns, excluded.end_ns),
            duration_ms = (greatest(tr.end_ns, excluded.end_ns) - least(tr.start_ns, excluded.start_ns)) / 1000000.0,
            span_count = tr.span_count + excluded.span_count,
            error_count = tr.error_count + excluded.error_count,
            status_code = CASE WHEN tr.error_count + excluded.error_count > 0 THEN 2
                        WHEN excluded.root_span_id IS NOT NULL THEN excluded.status_code ELSE tr.status_code END,
            models = llmops_merge_models(tr.models, excluded.models),
            user_id = coalesce(tr.user_id, excluded.user_id),
            session_id = coalesce(tr.session_id, excluded.session_id),
            input_tokens = tr.input_tokens + excluded.input_tokens,
            output_tokens = tr.output_tokens + excluded.output_tokens,
            total_tokens = tr.total_tokens + excluded.total_tokens,
            cost_usd = tr.cost_usd + excluded.cost_usd,
            priced_spans = tr.priced_spans + excluded.priced_spans,
            input_ns = CASE WHEN excluded.input_ns IS NOT NULL AND (tr.input_ns IS NULL OR excluded.input_ns < tr.input_ns) THEN excluded.input_ns ELSE tr.input_ns END,
            input_text = CASE WHEN excluded.input_ns IS NOT NULL AND (tr.input_ns IS NULL OR excluded.input_ns < tr.input_ns) THEN excluded.input_text ELSE tr.input_text END,
            output_ns = CASE WHEN excluded.output_ns IS NOT NULL AND (tr.output_ns IS NULL OR excluded.output_ns > tr.output_ns) THEN excluded.output_ns ELSE tr.output_ns END,
            output_text = CASE WHEN excluded.output_ns IS NOT NULL AND (tr.output_ns IS NULL OR excluded.output_ns > tr.output_ns) THEN excluded.output_text ELSE tr.output_text END
        RETURNING trace_id, session_id, user_id, start_ns, end_ns, error_count, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans, (xmax = 0)
        """;

    private const string LockTracesSql = "SELECT trace_id, session_id IS NOT NULL FROM traces WHERE trace_id = ANY(@ids) ORDER BY trace_id FOR UPDATE";

    /// <summary>
    /// Adds one batch's traces to their sessions: counts and sums added, first/last seen and the user widened (min/max
    /// only ever move one way as traces grow, so this equals aggregating the session's traces again).
    /// </summary>
    private static string AddToSessionsSql(string unnest) => $"""
        INSERT INTO sessions AS s (session_id, user_id, first_seen_ns, last_seen_ns, trace_count, error_trace_count, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans)
        SELECT u.session_id, min(u.user_id), min(u.first_ns), max(u.last_ns), sum(u.traces), sum(u.errors), sum(u.input_tokens), sum(u.output_tokens), sum(u.total_tokens), sum(u.cost_usd), sum(u.priced_spans)
        FROM {unnest} AS u (session_id, user_id, first_ns, last_ns, traces, errors, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans)
        GROUP BY u.session_id
        ORDER BY u.session_id
        ON CONFLICT (session_id) DO UPDATE SET
            user_id = least(s.user_id, excluded.user_id),
            first_seen_ns = least(s.first_seen_ns, excluded.first_seen_ns),
            last_seen_ns = greatest(s.last_seen_ns, excluded.last_seen_ns),
            trace_count = s.trace_count + excluded.trace_count,
            error_trace_count = s.error_trace_count + excluded.error_trace_count,
            input_tokens = s.input_tokens + excluded.input_tokens,
            output_tokens = s.output_tokens + excluded.output_tokens,
            total_tokens = s.total_tokens + excluded.total_tokens,
            cost_usd = s.cost_usd + excluded.cost_usd,
            priced_spans = s.priced_spans + excluded.priced_spans
        """;

    private const string SessionAggregates = """
        SELECT t.session_id, min(t.user_id), min(t.start_ns), max(t.end_ns), count(*), sum((t.error_count > 0)::int), sum(t.input_tokens),
            sum(t.output_tokens), sum(t.total_tokens), sum(t.cost_usd), sum(t.priced_spans)
        FROM traces t WHERE t.session_id = ANY(@sessions) GROUP BY t.session_id ORDER BY t.session_id
        """;

    private const string RecomputeSessionsSql = $"""
        INSERT INTO sessions (session_id, user_id, first_seen_ns, last_seen_ns, trace_count, error_trace_count, input_tokens, output_tokens, total_tokens, cost_usd, priced_spans)
        {SessionAggregates}
        ON CONFLICT (session_id) DO UPDATE SET
            user_id = excluded.user_id, first_seen_ns = excluded.first_seen_ns, last_seen_ns = excluded.last_seen_ns,
            trace_count = excluded.trace_count, error_trace_count = excluded.error_trace_count,
            input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens, total_tokens = excluded.total_tokens,
            cost_usd = excluded.cost_usd, priced_spans = excluded.priced_spans
        """;

    private static async Task<int> InsertEvaluationsAsync(NpgsqlConnection c, NpgsqlTransaction tx, List<EvaluationResultRecord> list, CancellationToken ct)
    {
        var a = new ColumnArrays("tttttbdttt", list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            a.Text(0, i, e.TraceId ?? string.Empty);
            a.Text(1, i, e.SpanId ?? string.Empty);
            a.Text(2, i, e.Name);
            a.Text(3, i, e.Source);
            a.Text(4, i, e.ResponseId ?? string.Empty);
            a.Long(5, i, e.TimeUnixNano);
            a.Double(6, i, e.ScoreValue);
            a.Text(7, i, e.ScoreLabel);
            a.Text(8, i, e.Explanation);
            a.Text(9, i, e.UserId);
        }

        await using var cmd = new NpgsqlCommand(
            "INSERT INTO evaluation_results (trace_id, span_id, name, source, response_id, time_unix_nano, score_value, score_label, explanation, user_id) "
            + $"SELECT * FROM {a.Unnest()} ON CONFLICT DO NOTHING",
            c,
            tx);
        a.AddParameters(cmd);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<int> InsertLogsAsync(NpgsqlConnection c, NpgsqlTransaction tx, List<LogRow> list, CancellationToken ct)
    {
        var a = new ColumnArrays("bbbtttbttttttttt", list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var row = list[i];
            var l = row.Log;
            a.Long(0, i, l.TimeUnixNano);
            a.Long(1, i, l.ObservedTimeUnixNano);
            a.Long(2, i, l.SeverityNumber);
            a.Text(3, i, PgValues.NullIfEmpty(l.SeverityText));
            a.Text(4, i, l.TraceId);
            a.Text(5, i, l.SpanId);
            a.Long(6, i, l.Flags);
            a.Text(7, i, PgValues.NullIfEmpty(l.EventName));
            a.Text(8, i, row.ResourceId);
            a.Text(9, i, PgValues.NullIfEmpty(l.Scope.Name));
            a.Text(10, i, PgValues.NullIfEmpty(l.Scope.Version));
            a.Text(11, i, row.ScopeAttributesJson);
            a.Text(12, i, row.BodyJson);
            a.Text(13, i, row.AttributesJson);
            a.Text(14, i, row.DedupKey);
            a.Text(15, i, null);
        }

        await using var cmd = new NpgsqlCommand(
            "INSERT INTO log_records (time_unix_nano, observed_time_unix_nano, severity_number, severity_text, trace_id, span_id, flags, event_name, "
            + "resource_id, scope_name, scope_version, scope_attributes, body, attributes, dedup_key) "
            + $"SELECT u.c0, u.c1, u.c2, u.c3, u.c4, u.c5, u.c6, u.c7, u.c8, u.c9, u.c10, u.c11, u.c12, u.c13, u.c14 FROM {a.Unnest()} "
            + "AS u (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15) ON CONFLICT DO NOTHING",
            c,
            tx);
        a.AddParameters(cmd);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<TracePage> QueryTracesAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, builder) = QuerySql.Traces(query, PostgresDialect.Instance);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadListAsync(c, null, sql, builder.Parameters, RowReader.ReadTrace, cancellationToken).ConfigureAwait(false);
        return QuerySql.Page(rows, query);
    }

    public async Task<TraceDetail?> GetTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var id = new[] { new KeyValuePair<string, object?>("@id", PgValues.Text(traceId)) };
        var summary = (await ReadListAsync(c, tx, QuerySql.TraceById("@id"), id, RowReader.ReadTrace, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (summary is null)
        {
            return null;
        }

        var resources = new Dictionary<string, ResourceInfo>(StringComparer.Ordinal);
        var spans = await ReadListAsync(c, tx, QuerySql.TraceSpans(PostgresDialect.Instance), id, r => RowReader.ReadSpan(r, resources), cancellationToken).ConfigureAwait(false);
        var evaluations = await ReadListAsync(c, tx, QuerySql.TraceEvaluations, id, RowReader.ReadEvaluation, cancellationToken).ConfigureAwait(false);
        return new TraceDetail(summary, spans, evaluations);
    }

    public async Task<IReadOnlyList<RetrievedDocument>> GetRetrievalContextAsync(string traceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var id = new[] { new KeyValuePair<string, object?>("@id", PgValues.Text(traceId)) };
        var lists = await ReadListAsync(c, null, QuerySql.TraceRetrievalDocuments(PostgresDialect.Instance), id, r => SpanJson.ParseDocuments(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        return lists.Count == 0 ? [] : [.. lists.SelectMany(l => l)];
    }

    public async Task<SessionPage> QuerySessionsAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, builder) = QuerySql.Sessions(query);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadListAsync(c, null, sql, builder.Parameters, RowReader.ReadSession, cancellationToken).ConfigureAwait(false);
        return QuerySql.Page(rows, query);
    }

    public async Task<SessionDetail?> GetSessionAsync(string sessionId, int maxTraces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var p = new[] { new KeyValuePair<string, object?>("@s", PgValues.Text(sessionId)), new KeyValuePair<string, object?>("@n", (long)maxTraces + 1) };
        var summary = (await ReadListAsync(c, tx, QuerySql.SessionById("@s"), p[..1], RowReader.ReadSession, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (summary is null)
        {
            return null;
        }

        var traces = await ReadListAsync(c, tx, QuerySql.SessionTraces("@s", "@n"), p, RowReader.ReadTrace, cancellationToken).ConfigureAwait(false);
        var truncated = traces.Count > maxTraces;
        if (truncated)
        {
            traces.RemoveAt(traces.Count - 1);
        }

        return new SessionDetail(summary, traces, truncated);
    }

    public async Task<long> CountSpansAsync(CancellationToken cancellationToken)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM spans", c);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", c);
            return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long n && n > 0;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public async Task<RetentionResult> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        if (_options.Retention is not { } retention)
        {
            return default;
        }

        var cutoff = (_time.GetUtcNow() - retention).ToUnixTimeMilliseconds() * 1_000_000;
        long traces = 0;
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var ids = new List<string>();
            var sessions = new SortedSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand($"SELECT trace_id, session_id FROM traces WHERE start_ns < @c ORDER BY trace_id LIMIT {RetentionChunk} FOR UPDATE SKIP LOCKED", c, tx))
            {
                cmd.Parameters.AddWithValue("c", cutoff);
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(r.GetString(0));
                    if (!r.IsDBNull(1))
                    {
                        sessions.Add(r.GetString(1));
                    }
                }
            }

            if (ids.Count == 0)
            {
                var evaluations = await ExecAsync(c, tx, $"DELETE FROM evaluation_results WHERE time_unix_nano < {cutoff}", cancellationToken).ConfigureAwait(false);
                var logs = await ExecAsync(c, tx, $"DELETE FROM log_records WHERE time_unix_nano < {cutoff}", cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new RetentionResult(traces, evaluations, logs);
            }

            await using (var cmd = new NpgsqlCommand(
                "DELETE FROM spans WHERE trace_id = ANY(@ids); DELETE FROM traces WHERE trace_id = ANY(@ids); "
                + "DELETE FROM sessions s WHERE s.session_id = ANY(@sessions) AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.session_id = s.session_id); "
                + RecomputeSessionsSql,
                c,
                tx))
            {
                cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter("sessions", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sessions.ToArray() });
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            traces += ids.Count;
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<int> ExecAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<List<T>> ReadListAsync<T>(
        NpgsqlConnection c,
        NpgsqlTransaction? tx,
        string sql,
        IReadOnlyList<KeyValuePair<string, object?>> parameters,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name.TrimStart('@'), value is string s ? PgValues.Text(s)! : value ?? DBNull.Value);
        }

        var list = new List<T>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(read(r));
        }

        return list;
    }
}
