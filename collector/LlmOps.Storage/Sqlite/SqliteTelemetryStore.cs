using System.Data.Common;
using System.Globalization;
using LlmOps.Processors.Model;
using LlmOps.Storage.Internal;
using LlmOps.Storage.Queries;
using Microsoft.Data.Sqlite;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. One writer connection keeps its prepared statements for the
/// life of the store and writes each batch in one transaction (spans with INSERT ... ON CONFLICT DO NOTHING, then one
/// UPSERT per touched trace, whose triggers maintain the FTS index and the session rollups incrementally); reads use
/// pooled connections and deferred transactions, and never block the writer.
/// </summary>
internal sealed class SqliteTelemetryStore : ITelemetryStore
{
    private const int RetentionChunk = 2000;

    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly JsonScratch _scratch = new();
    private readonly ResourceCache _resources = new();
    private readonly BatchRollup _rollup = new();
    private SqliteConnection? _writer;
    private WriterCommands? _commands;
    private SqliteDialect _dialect = new(fullText: false);

    public SqliteTelemetryStore(StorageOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _path = Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public string Driver => StorageOptions.SqliteDriver;

    /// <summary>True when trace search uses the FTS5 index (false: a LIKE scan, when the SQLite build lacks FTS5).</summary>
    public bool FullTextSearch => _dialect.FullText;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return;
        }

        var dir = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var writer = new SqliteConnection(_connectionString);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sync = string.Equals(_options.Synchronous, "normal", StringComparison.OrdinalIgnoreCase) ? "NORMAL" : "FULL";
            Exec(writer, null, string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {sync}; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"));
            var fts5 = Fts5Available(writer);
            Migrate(writer, fts5);
            var hasFts = Scalar(writer, null, "SELECT count(*) FROM sqlite_master WHERE name = 'traces_fts'") is long n && n > 0;
            _dialect = new SqliteDialect(hasFts);
            writer.CreateFunction<string?, string?, string?>("llmops_merge_models", ModelSet.Merge, isDeterministic: true);
            _commands = new WriterCommands(writer);
            _writer = writer;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Migrate(SqliteConnection c, bool fts5)
    {
        // BEGIN IMMEDIATE takes the write lock first, so two processes opening one new file migrate one after the other.
        using var tx = c.BeginTransaction(deferred: false);
        Exec(c, tx, SqliteSchema.MigrationsTable);
        var applied = new HashSet<long>();
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT version FROM schema_migrations";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                applied.Add(r.GetInt64(0));
            }
        }

        foreach (var (version, description, sql) in SqliteSchema.Migrations)
        {
            if (applied.Contains(version) || (version == SqliteSchema.FullTextVersion && !fts5))
            {
                continue;
            }

            Exec(c, tx, sql);
            using var record = c.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_migrations (version, description, applied_at_unix_ms) VALUES ($v, $d, $t)";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$d", description);
            record.Parameters.AddWithValue("$t", _time.GetUtcNow().ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private static bool Fts5Available(SqliteConnection c)
    {
        try
        {
            Exec(c, null, "CREATE VIRTUAL TABLE temp.llmops_fts5_probe USING fts5(x); DROP TABLE temp.llmops_fts5_probe;");
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public async Task<WriteResult> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var commands = _commands ?? throw new InvalidOperationException("InitializeAsync must complete before WriteAsync.");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once the transaction starts it runs to its end: a half-written batch is never committed.
            return WriteLocked(batch, commands);
        }
        finally
        {
            _resources.Clear();
            _rollup.Clear();
            _writeLock.Release();
        }
    }

    private WriteResult WriteLocked(TelemetryBatch batch, WriterCommands cmd)
    {
        using var tx = _writer!.BeginTransaction(deferred: false);
        cmd.Enlist(tx);
        int inserted = 0, duplicates = 0, evaluations = 0, logs = 0;

        var p = cmd.SpanParams;
        foreach (var span in batch.Spans)
        {
            var resource = _resources.Get(_scratch, span.Resource);
            BindSpan(p, span, resource.Id);
            if (cmd.InsertSpan.ExecuteNonQuery() == 1)
            {
                inserted++;
                _rollup.Add(span);
            }
            else
            {
                duplicates++;
            }
        }

        foreach (var log in batch.Logs)
        {
            var evaluation = log.Evaluation ?? GenAiNormalizer.NormalizeEvaluation(log);
            if (evaluation is not null)
            {
                evaluations += InsertEvaluation(cmd, evaluation);
            }
            else
            {
                var row = LogRow.From(_scratch, _resources.Get(_scratch, log.Resource), log);
                logs += InsertLog(cmd, row);
            }
        }

        foreach (var resource in _resources.Rows)
        {
            Set(cmd.InsertResource.Parameters[0], resource.Id);
            Set(cmd.InsertResource.Parameters[1], resource.SchemaUrl);
            Set(cmd.InsertResource.Parameters[2], resource.AttributesJson);
            cmd.InsertResource.ExecuteNonQuery();
        }

        // One UPSERT per touched trace; triggers keep the FTS index (traces with text only) and the sessions table.
        foreach (var t in _rollup.Ordered())
        {
            BindTrace(cmd.UpsertTrace.Parameters, t);
            cmd.UpsertTrace.ExecuteNonQuery();
        }

        tx.Commit();
        return new WriteResult(inserted, duplicates, evaluations, logs);
    }

    private void BindSpan(SqliteParameter[] p, SpanRecord s, string resourceId)
    {
        var g = s.GenAi;
        Set(p[SpanColumns.TraceId], s.TraceId);
        Set(p[SpanColumns.SpanId], s.SpanId);
        Set(p[SpanColumns.ParentSpanId], s.ParentSpanId);
        Set(p[SpanColumns.Name], s.Name);
        Set(p[SpanColumns.Kind], (long)s.Kind);
        Set(p[SpanColumns.StartTime], s.StartTimeUnixNano);
        Set(p[SpanColumns.EndTime], s.EndTimeUnixNano);
        Set(p[SpanColumns.DurationMs], s.DurationMs);
        Set(p[SpanColumns.StatusCode], (long)s.StatusCode);
        Set(p[SpanColumns.StatusMessage], NullIfEmpty(s.StatusMessage));
        Set(p[SpanColumns.TraceState], NullIfEmpty(s.TraceState));
        Set(p[SpanColumns.Flags], (long)s.Flags);
        Set(p[SpanColumns.ServiceName], s.Resource.ServiceName);
        Set(p[SpanColumns.ScopeName], NullIfEmpty(s.Scope.Name));
        Set(p[SpanColumns.ScopeVersion], NullIfEmpty(s.Scope.Version));
        Set(p[SpanColumns.Operation], g.Operation);
        Set(p[SpanColumns.Provider], g.Provider);
        Set(p[SpanColumns.RequestModel], g.RequestModel);
        Set(p[SpanColumns.ResponseModel], g.ResponseModel);
        Set(p[SpanColumns.ResponseId], g.ResponseId);
        Set(p[SpanColumns.InputTokens], g.InputTokens);
        Set(p[SpanColumns.OutputTokens], g.OutputTokens);
        Set(p[SpanColumns.CachedInputTokens], g.CachedInputTokens);
        Set(p[SpanColumns.ReasoningTokens], g.ReasoningTokens);
        Set(p[SpanColumns.ConversationId], g.ConversationId);
        Set(p[SpanColumns.SessionId], g.SessionId);
        Set(p[SpanColumns.UserId], g.UserId);
        Set(p[SpanColumns.FinishReasons], SpanJson.Strings(_scratch, g.FinishReasons));
        Set(p[SpanColumns.ErrorType], g.ErrorType);
        Set(p[SpanColumns.PromptName], g.PromptName);
        Set(p[SpanColumns.PromptVersion], g.PromptVersion);
        Set(p[SpanColumns.CostUsd], s.CostUsd);
        Set(p[SpanColumns.DroppedAttributesCount], (long)s.DroppedAttributesCount);
        Set(p[SpanColumns.DroppedEventsCount], (long)s.DroppedEventsCount);
        Set(p[SpanColumns.DroppedLinksCount], (long)s.DroppedLinksCount);
        Set(p[SpanColumns.ResourceId], resourceId);
        Set(p[SpanColumns.IsGenAi], g.IsGenAi ? 1L : 0L);
        Set(p[SpanColumns.InputText], g.InputText);
        Set(p[SpanColumns.OutputText], g.OutputText);
        Set(p[SpanColumns.Attributes], SpanJson.Attributes(_scratch, s.Attributes));
        Set(p[SpanColumns.Events], SpanJson.Events(_scratch, s.Events));
        Set(p[SpanColumns.Links], SpanJson.Links(_scratch, s.Links));
        Set(p[SpanColumns.ScopeAttributes], SpanJson.Attributes(_scratch, s.Scope.Attributes));
        Set(p[SpanColumns.RetrievalDocuments], SpanJson.Documents(_scratch, g.RetrievalDocuments));
        Set(p[SpanColumns.GuardrailFlags], SpanJson.Guardrails(_scratch, s.GuardrailFlags));
    }

    private static void BindTrace(SqliteParameterCollection p, TraceRollup t)
    {
        Set(p[0], t.TraceId);
        Set(p[1], t.RootSpanId);
        Set(p[2], t.Name);
        Set(p[3], t.ServiceName);
        Set(p[4], t.StartNs);
        Set(p[5], t.EndNs);
        Set(p[6], t.SpanCount);
        Set(p[7], t.ErrorCount);
        Set(p[8], (long)t.StatusCode);
        Set(p[9], ModelSet.Format(t.Models));
        Set(p[10], t.UserId);
        Set(p[11], t.SessionId);
        Set(p[12], t.InputTokens);
        Set(p[13], t.OutputTokens);
        Set(p[14], t.CostUsd);
        Set(p[15], t.PricedSpans);
        Set(p[16], t.InputNs);
        Set(p[17], t.InputText);
        Set(p[18], t.OutputNs);
        Set(p[19], t.OutputText);
    }

    private static int InsertEvaluation(WriterCommands cmd, EvaluationResultRecord e)
    {
        var p = cmd.InsertEvaluation.Parameters;
        Set(p[0], e.TraceId ?? string.Empty);
        Set(p[1], e.SpanId ?? string.Empty);
        Set(p[2], e.Name);
        Set(p[3], e.Source);
        Set(p[4], e.ResponseId ?? string.Empty);
        Set(p[5], e.TimeUnixNano);
        Set(p[6], e.ScoreValue);
        Set(p[7], e.ScoreLabel);
        Set(p[8], e.Explanation);
        Set(p[9], e.UserId);
        return cmd.InsertEvaluation.ExecuteNonQuery();
    }

    private static int InsertLog(WriterCommands cmd, LogRow row)
    {
        var p = cmd.InsertLog.Parameters;
        var l = row.Log;
        Set(p[0], l.TimeUnixNano);
        Set(p[1], l.ObservedTimeUnixNano);
        Set(p[2], (long)l.SeverityNumber);
        Set(p[3], NullIfEmpty(l.SeverityText));
        Set(p[4], l.TraceId);
        Set(p[5], l.SpanId);
        Set(p[6], (long)l.Flags);
        Set(p[7], NullIfEmpty(l.EventName));
        Set(p[8], row.ResourceId);
        Set(p[9], NullIfEmpty(l.Scope.Name));
        Set(p[10], NullIfEmpty(l.Scope.Version));
        Set(p[11], row.ScopeAttributesJson);
        Set(p[12], row.BodyJson);
        Set(p[13], row.AttributesJson);
        Set(p[14], row.DedupKey);
        return cmd.InsertLog.ExecuteNonQuery();
    }

    public async Task<TracePage> QueryTracesAsync(TraceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, builder) = QuerySql.Traces(query, _dialect);
        await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadListAsync(c, sql, builder.Parameters, RowReader.ReadTrace, cancellationToken).ConfigureAwait(false);
        return QuerySql.Page(rows, query);
    }

    public async Task<TraceDetail?> GetTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        // Deferred: a read transaction must not take the write lock (BEGIN IMMEDIATE), or it blocks ingest.
        using var tx = c.BeginTransaction(deferred: true);
        var id = new[] { new KeyValuePair<string, object?>("@id", traceId) };
        var summary = (await ReadListAsync(c, QuerySql.TraceById("@id"), id, RowReader.ReadTrace, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (summary is null)
        {
            return null;
        }

        var resources = new Dictionary<string, ResourceInfo>(StringComparer.Ordinal);
        var spans = await ReadListAsync(c, QuerySql.TraceSpans, id, r => RowReader.ReadSpan(r, resources), cancellationToken).ConfigureAwait(false);
        var evaluations = await ReadListAsync(c, QuerySql.TraceEvaluations, id, RowReader.ReadEvaluation, cancellationToken).ConfigureAwait(false);
        return new TraceDetail(summary, spans, evaluations);
    }

    public async Task<SessionPage> QuerySessionsAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, builder) = QuerySql.Sessions(query);
        await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadListAsync(c, sql, builder.Parameters, RowReader.ReadSession, cancellationToken).ConfigureAwait(false);
        return QuerySql.Page(rows, query);
    }

    public async Task<SessionDetail?> GetSessionAsync(string sessionId, int maxTraces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        // Deferred: a read transaction must not take the write lock (BEGIN IMMEDIATE), or it blocks ingest.
        using var tx = c.BeginTransaction(deferred: true);
        var p = new[] { new KeyValuePair<string, object?>("@s", sessionId), new KeyValuePair<string, object?>("@n", (long)maxTraces + 1) };
        var summary = (await ReadListAsync(c, QuerySql.SessionById("@s"), p[..1], RowReader.ReadSession, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (summary is null)
        {
            return null;
        }

        var traces = await ReadListAsync(c, QuerySql.SessionTraces("@s", "@n"), p, RowReader.ReadTrace, cancellationToken).ConfigureAwait(false);
        var truncated = traces.Count > maxTraces;
        if (truncated)
        {
            traces.RemoveAt(traces.Count - 1);
        }

        return new SessionDetail(summary, traces, truncated);
    }

    public async Task<long> CountSpansAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return Scalar(c, null, "SELECT count(*) FROM spans") is long n ? n : 0;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            return Scalar(c, null, "SELECT count(*) FROM schema_migrations") is long n && n > 0;
        }
        catch (SqliteException)
        {
            return false;
        }
        catch (InvalidOperationException)
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

        var writer = _writer ?? throw new InvalidOperationException("InitializeAsync must complete first.");
        var cutoff = (_time.GetUtcNow() - retention).ToUnixTimeMilliseconds() * 1_000_000;
        long traces = 0, evaluations = 0, logs = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // One short transaction per chunk, so ingest waits at most one chunk.
                using var tx = writer.BeginTransaction(deferred: false);
                Exec(writer, tx, "CREATE TEMP TABLE IF NOT EXISTS llmops_doomed (trace_id TEXT PRIMARY KEY, session_id TEXT)");
                Exec(writer, tx, "DELETE FROM temp.llmops_doomed");
                var n = Exec(writer, tx, $"INSERT INTO temp.llmops_doomed (trace_id, session_id) SELECT trace_id, session_id FROM traces WHERE start_ns < {cutoff} LIMIT {RetentionChunk}");
                if (n == 0)
                {
                    evaluations = Exec(writer, tx, $"DELETE FROM evaluation_results WHERE time_unix_nano < {cutoff}");
                    logs = Exec(writer, tx, $"DELETE FROM log_records WHERE time_unix_nano < {cutoff}");
                    tx.Commit();
                    break;
                }

                Exec(writer, tx, "DELETE FROM spans WHERE trace_id IN (SELECT trace_id FROM temp.llmops_doomed)");
                traces += Exec(writer, tx, "DELETE FROM traces WHERE trace_id IN (SELECT trace_id FROM temp.llmops_doomed)");
                Exec(writer, tx, "DELETE FROM sessions WHERE session_id IN (SELECT session_id FROM temp.llmops_doomed) AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.session_id = sessions.session_id)");
                Exec(writer, tx, WriterCommands.RecomputeSessionSql.Replace("t.session_id = $session", "t.session_id IN (SELECT session_id FROM temp.llmops_doomed)", StringComparison.Ordinal));
                tx.Commit();
            }
            finally
            {
                _writeLock.Release();
            }
        }

        return new RetentionResult(traces, evaluations, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _commands?.Dispose();
            _commands = null;
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }

            _scratch.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException("InitializeAsync must complete before queries.");
        }

        var c = new SqliteConnection(_connectionString);
        try
        {
            await c.OpenAsync(cancellationToken).ConfigureAwait(false);
            Exec(c, null, "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32768;");
            return c;
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<List<T>> ReadListAsync<T>(
        SqliteConnection c,
        string sql,
        IReadOnlyList<KeyValuePair<string, object?>> parameters,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var list = new List<T>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(read(r));
        }

        return list;
    }

    private static int Exec(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static void Set(SqliteParameter p, object? value) => p.Value = value ?? DBNull.Value;

    private static void Set(SqliteParameter p, long? value) => p.Value = value is { } v ? v : DBNull.Value;

    private static void Set(SqliteParameter p, double? value) => p.Value = value is { } v ? v : DBNull.Value;
}
