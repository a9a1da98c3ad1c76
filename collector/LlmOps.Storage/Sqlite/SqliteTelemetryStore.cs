using System.Data.Common;
using System.Globalization;
using LlmOps.Processors.Model;
using LlmOps.Storage.Internal;
using LlmOps.Storage.Queries;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. One writer connection keeps its prepared statements for the
/// life of the store and writes each batch in one transaction (spans with INSERT ... ON CONFLICT DO NOTHING, then one
/// UPSERT per touched trace, whose triggers maintain the session rollups and queue the trace for the full-text index);
/// reads use pooled connections and deferred transactions, and never block the writer. Evaluation results and
/// evaluation log lines live in a second file with a writer of its own (<see cref="SqliteScoresFile"/>), the full-text
/// index in a third (<see cref="SqliteSearchIndex"/>); both are attached to every reader.
/// </summary>
internal sealed class SqliteTelemetryStore : ITelemetryStore, IEvaluationLogWriter
{
    private const int RetentionChunk = 2000;
    private const int EvaluationLogChunk = TelemetryBatch.BackgroundSlice;

    /// <summary>The span writer trims the search queue once the index has applied this many more entries.</summary>
    private const int SearchQueueTrim = 512;

    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly JsonScratch _scratch = new();
    private readonly ResourceCache _resources = new();
    private readonly BatchRollup _rollup = new();
    private readonly Dictionary<string, (long Row, bool New)> _traceRows = new(StringComparer.Ordinal);
    private readonly SessionDeltas _sessionDeltas = new();
    private SqliteConnection? _writer;
    private WriterCommands? _commands;
    private SqliteScoresFile? _scores;
    private SqliteSearchIndex? _search;
    private long _trimmedSeq;
    private WalCheckpointer? _checkpointer;
    private SqliteDialect _dialect = new(fullText: false);
    private bool _fullSync;

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

    /// <summary>The full-text index's own file and writer (null without FTS5).</summary>
    internal SqliteSearchIndex? SearchIndex => _search;

    public SearchIndexStatus? SearchIndexStatus => _search?.Status;

    public long? WalWaits => _checkpointer?.HardCatchUps ?? 0;

    /// <summary>How long a text search waits for the index to apply what was committed before it began.</summary>
    internal static readonly TimeSpan SearchWait = TimeSpan.FromSeconds(5);

    /// <summary>WAL checkpoints the background checkpointer has run.</summary>
    internal long WalCheckpoints => _checkpointer?.Checkpoints ?? 0;

    /// <summary>Write-backs of the database file and WAL the checkpointer started (Linux only).</summary>
    internal long WalWriteBacks => _checkpointer?.WriteBacks ?? 0;

    /// <summary>Checkpoints the writer ran itself because the WAL had passed <c>wal_limit_mb</c>.</summary>
    internal long WalCatchUps => _checkpointer?.CatchUps ?? 0;

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
            _fullSync = sync == "FULL";
            Exec(writer, null, string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {sync}; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;"));
            // Checkpoints run on their own connection (WalCheckpointer), not inside this connection's commits.
            Exec(writer, null, "PRAGMA wal_autocheckpoint = 0;");
            var fts5 = Fts5Available(writer);
            Migrate(writer, fts5);
            var hasFts = Scalar(writer, null, "SELECT count(*) FROM sqlite_master WHERE name = 'search_queue'") is long n && n > 0;
            _dialect = new SqliteDialect(hasFts);
            if (hasFts)
            {
                // The queue's identity (random, made by its migration): an index file built from another queue is rebuilt.
                var source = Convert.ToString(Scalar(writer, null, "SELECT id FROM search_source"), CultureInfo.InvariantCulture) ?? string.Empty;
                _search = await SqliteSearchIndex.OpenAsync(_path, source, _options, _time, cancellationToken).ConfigureAwait(false);
            }

            writer.CreateFunction<string?, string?, string?>("llmops_merge_models", ModelSet.Merge, isDeterministic: true);
            _scores = await SqliteScoresFile.OpenAsync(_path, _options, _fullSync, _time, cancellationToken).ConfigureAwait(false);
            SqliteScoresFile.MoveFromMain(writer, _path);
            _commands = new WriterCommands(writer);
            _checkpointer = await WalCheckpointer.StartAsync(writer, _options.WalLimitMb * 1024L * 1024L, _time, cancellationToken).ConfigureAwait(false);
            _writer = writer;
        }
        catch
        {
            if (_scores is not null)
            {
                await _scores.DisposeAsync().ConfigureAwait(false);
                _scores = null;
            }

            if (_search is not null)
            {
                await _search.DisposeAsync().ConfigureAwait(false);
                _search = null;
            }

            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Moves evaluation tables a later migration created in the main file (the management schema, migrated after the
    /// store opened) into the scores file, so that unqualified names resolve there again.
    /// </summary>
    public async Task MoveEvaluationTablesAsync(CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("InitializeAsync must complete first.");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SqliteScoresFile.MoveFromMain(writer, _path);
        }
        finally
        {
            _writeLock.Release();
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
            if (applied.Contains(version) || (SqliteSchema.NeedsFullText(version) && !fts5))
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
        var scores = _scores!;

        // Evaluation results go to the scores file; the main file's writer is not taken for a batch of scores alone
        // (the collector's write-back). Both commits finish before the batch is acknowledged.
        List<EvaluationResultRecord>? evaluations = null;
        List<LogRecordModel>? logs = null;
        foreach (var log in batch.Logs)
        {
            if ((log.Evaluation ?? GenAiNormalizer.NormalizeEvaluation(log)) is { } evaluation)
            {
                (evaluations ??= new List<EvaluationResultRecord>(batch.Logs.Count)).Add(evaluation);
            }
            else
            {
                (logs ??= []).Add(log);
            }
        }

        var stored = evaluations is null ? 0 : await scores.WriteEvaluationsAsync(evaluations, batch.Background, cancellationToken).ConfigureAwait(false);
        if (batch.Spans.Count == 0 && logs is null)
        {
            return new WriteResult(0, 0, stored, 0);
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once the transaction starts it runs to its end: a half-written batch is never committed.
            var result = WriteLocked(batch.Spans, logs ?? [], commands);
            return result with { EvaluationsInserted = stored };
        }
        finally
        {
            _resources.Clear();
            _rollup.Clear();
            _traceRows.Clear();
            _sessionDeltas.Clear();
            _writeLock.Release();
        }
    }

    public async Task AppendEvaluationLogsAsync(IReadOnlyList<EvaluationLogRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var scores = _scores ?? throw new InvalidOperationException("InitializeAsync must complete before AppendEvaluationLogsAsync.");

        // In chunks, each its own transaction without an fsync: derived lines, acknowledged to no one.
        await scores.AppendLogsAsync(rows, EvaluationLogChunk, cancellationToken).ConfigureAwait(false);
    }

    private WriteResult WriteLocked(IReadOnlyList<SpanRecord> spans, IReadOnlyList<LogRecordModel> otherLogs, WriterCommands cmd)
    {
        using var tx = _writer!.BeginTransaction(deferred: false);
        cmd.Enlist(tx);
        int inserted = 0, duplicates = 0, logs = 0;
        long lastRow = -1;

        foreach (var span in spans)
        {
            var resource = _resources.Get(_scratch, span.Resource);
            BindSpan(cmd.InsertSpan, span, resource.Id);
            cmd.InsertSpan.Bind(WriterCommands.TraceRowParameter, TraceRowOf(cmd, span.TraceId, ref lastRow).Row);
            if (cmd.InsertSpan.Execute() == 1)
            {
                span.StoreRowId = raw.sqlite3_last_insert_rowid(_writer.Handle);
                inserted++;
                _rollup.Add(span);
            }
            else
            {
                duplicates++;
                span.AlreadyStored = true;
            }
        }

        foreach (var log in otherLogs)
        {
            var row = LogRow.From(_scratch, _resources.Get(_scratch, log.Resource), log);
            logs += InsertLog(cmd, row);
        }

        foreach (var resource in _resources.Rows)
        {
            Set(cmd.InsertResource.Parameters[0], resource.Id);
            Set(cmd.InsertResource.Parameters[1], resource.SchemaUrl);
            Set(cmd.InsertResource.Parameters[2], resource.AttributesJson);
            cmd.InsertResource.ExecuteNonQuery();
        }

        // One UPSERT per touched trace; triggers queue traces with text for the index and carry changes of stored
        // traces into their sessions. The traces this batch creates go into their sessions with one UPSERT per session.
        var traces = 0;
        foreach (var t in _rollup.Ordered())
        {
            var (row, isNew) = _traceRows[t.TraceId];
            BindTrace(cmd.UpsertTrace, t, isNew ? row : null);
            cmd.UpsertTrace.Execute();
            if (isNew)
            {
                _sessionDeltas.AddNewTrace(t);
            }

            traces++;
        }

        foreach (var d in _sessionDeltas.Values)
        {
            BindSession(cmd.AddToSession, d);
            cmd.AddToSession.Execute();
        }

        if (traces > 0)
        {
            TrimSearchQueue(tx);
        }

        tx.Commit();
        _checkpointer?.Committed(_writer);
        if (traces > 0)
        {
            _search?.Notify();
        }

        return new WriteResult(inserted, duplicates, 0, logs);
    }

    /// <summary>
    /// The row id spans of <paramref name="traceId"/> are keyed by: the stored trace's, or, for a trace this batch
    /// creates, the next free one (the transaction holds the write lock, so no one else takes it), which the trace
    /// UPSERT then inserts. <paramref name="lastRow"/> is the highest row id handed out so far (-1: not read yet).
    /// </summary>
    private (long Row, bool New) TraceRowOf(WriterCommands cmd, string traceId, ref long lastRow)
    {
        if (_traceRows.TryGetValue(traceId, out var known))
        {
            return known;
        }

        cmd.TraceRow.Bind(1, traceId);
        if (cmd.TraceRow.QueryInt64() is { } stored)
        {
            known = (stored, false);
        }
        else
        {
            if (lastRow < 0)
            {
                lastRow = cmd.LastTraceRow.QueryInt64() ?? 0;
            }

            known = (++lastRow, true);
        }

        _traceRows.Add(traceId, known);
        return known;
    }

    /// <summary>
    /// Deletes the queue entries the index has applied, once enough have gathered; the newest entry always stays, so
    /// that sequence numbers never go back (the queue's key is a plain rowid).
    /// </summary>
    private void TrimSearchQueue(SqliteTransaction tx)
    {
        if (_search is not { } search)
        {
            return;
        }

        var applied = search.AppliedSeq;
        if (applied - _trimmedSeq < SearchQueueTrim)
        {
            return;
        }

        Exec(_writer!, tx, string.Create(CultureInfo.InvariantCulture, $"DELETE FROM search_queue WHERE seq <= min({applied}, (SELECT max(seq) FROM search_queue) - 1)"));
        _trimmedSeq = applied;
    }

    private void BindSpan(RawStatement p, SpanRecord s, string resourceId)
    {
        var g = s.GenAi;
        p.Bind(SpanColumns.TraceId + 1, s.TraceId);
        p.Bind(SpanColumns.SpanId + 1, s.SpanId);
        p.Bind(SpanColumns.ParentSpanId + 1, s.ParentSpanId);
        p.Bind(SpanColumns.Name + 1, s.Name);
        p.Bind(SpanColumns.Kind + 1, (long)s.Kind);
        p.Bind(SpanColumns.StartTime + 1, s.StartTimeUnixNano);
        p.Bind(SpanColumns.EndTime + 1, s.EndTimeUnixNano);
        p.Bind(SpanColumns.DurationMs + 1, s.DurationMs);
        p.Bind(SpanColumns.StatusCode + 1, (long)s.StatusCode);
        p.Bind(SpanColumns.StatusMessage + 1, NullIfEmpty(s.StatusMessage));
        p.Bind(SpanColumns.TraceState + 1, NullIfEmpty(s.TraceState));
        p.Bind(SpanColumns.Flags + 1, (long)s.Flags);
        p.Bind(SpanColumns.ServiceName + 1, s.Resource.ServiceName);
        p.Bind(SpanColumns.ScopeName + 1, NullIfEmpty(s.Scope.Name));
        p.Bind(SpanColumns.ScopeVersion + 1, NullIfEmpty(s.Scope.Version));
        p.Bind(SpanColumns.Operation + 1, g.Operation);
        p.Bind(SpanColumns.Provider + 1, g.Provider);
        p.Bind(SpanColumns.RequestModel + 1, g.RequestModel);
        p.Bind(SpanColumns.ResponseModel + 1, g.ResponseModel);
        p.Bind(SpanColumns.ResponseId + 1, g.ResponseId);
        p.Bind(SpanColumns.InputTokens + 1, g.InputTokens);
        p.Bind(SpanColumns.OutputTokens + 1, g.OutputTokens);
        p.Bind(SpanColumns.CachedInputTokens + 1, g.CachedInputTokens);
        p.Bind(SpanColumns.ReasoningTokens + 1, g.ReasoningTokens);
        p.Bind(SpanColumns.ConversationId + 1, g.ConversationId);
        p.Bind(SpanColumns.SessionId + 1, g.SessionId);
        p.Bind(SpanColumns.UserId + 1, g.UserId);
        p.BindUtf8(SpanColumns.FinishReasons + 1, SpanJson.StringsUtf8(_scratch, g.FinishReasons));
        p.Bind(SpanColumns.ErrorType + 1, g.ErrorType);
        p.Bind(SpanColumns.PromptName + 1, g.PromptName);
        p.Bind(SpanColumns.PromptVersion + 1, g.PromptVersion);
        p.Bind(SpanColumns.CostUsd + 1, s.CostUsd);
        p.Bind(SpanColumns.DroppedAttributesCount + 1, (long)s.DroppedAttributesCount);
        p.Bind(SpanColumns.DroppedEventsCount + 1, (long)s.DroppedEventsCount);
        p.Bind(SpanColumns.DroppedLinksCount + 1, (long)s.DroppedLinksCount);
        p.Bind(SpanColumns.ResourceId + 1, resourceId);
        p.Bind(SpanColumns.IsGenAi + 1, g.IsGenAi ? 1L : 0L);
        // A text that the stored attributes derive to is not kept twice: the reader derives it again (RowReader).
        p.Bind(SpanColumns.InputText + 1, SpanColumns.StoredText(g.InputText, GenAiNormalizer.InputTextOf(s.Attributes, g.InputMessagesParse)));
        p.Bind(SpanColumns.OutputText + 1, SpanColumns.StoredText(g.OutputText, GenAiNormalizer.OutputTextOf(s.Attributes, g.OutputMessagesParse)));
        p.BindUtf8(SpanColumns.Attributes + 1, SpanJson.CompactAttributesUtf8(_scratch, s.Attributes));
        p.BindUtf8(SpanColumns.Events + 1, SpanJson.EventsUtf8(_scratch, s.Events));
        p.BindUtf8(SpanColumns.Links + 1, SpanJson.LinksUtf8(_scratch, s.Links));
        p.BindUtf8(SpanColumns.ScopeAttributes + 1, SpanJson.CompactAttributesUtf8(_scratch, s.Scope.Attributes));
        p.BindUtf8(SpanColumns.RetrievalDocuments + 1, SpanJson.DocumentsUtf8(_scratch, g.RetrievalDocuments));
        p.BindUtf8(SpanColumns.GuardrailFlags + 1, SpanJson.GuardrailsUtf8(_scratch, s.GuardrailFlags));
    }

    /// <summary>Binds a trace's rollup; <paramref name="newRow"/> is the row id for a trace this batch creates, null for a stored one.</summary>
    private static void BindTrace(RawStatement p, TraceRollup t, long? newRow)
    {
        p.Bind(1, t.TraceId);
        p.Bind(2, t.RootSpanId);
        p.Bind(3, t.Name);
        p.Bind(4, t.ServiceName);
        p.Bind(5, t.StartNs);
        p.Bind(6, t.EndNs);
        p.Bind(7, t.SpanCount);
        p.Bind(8, t.ErrorCount);
        p.Bind(9, (long)t.StatusCode);
        p.Bind(10, ModelSet.Format(t.Models));
        p.Bind(11, t.UserId);
        p.Bind(12, t.SessionId);
        p.Bind(13, t.InputTokens);
        p.Bind(14, t.OutputTokens);
        p.Bind(15, t.CostUsd);
        p.Bind(16, t.PricedSpans);
        p.Bind(17, t.InputNs);
        p.Bind(18, t.InputText);
        p.Bind(19, t.OutputNs);
        p.Bind(20, t.OutputText);
        p.Bind(21, newRow);
    }

    /// <summary>Binds what a batch's new traces add to one session, in the order of <c>WriterCommands.AddToSession</c>.</summary>
    private static void BindSession(RawStatement p, SessionDeltas.Delta d)
    {
        p.Bind(1, d.SessionId);
        p.Bind(2, d.UserId);
        p.Bind(3, d.FirstSeenNs);
        p.Bind(4, d.LastSeenNs);
        p.Bind(5, d.TraceCount);
        p.Bind(6, d.ErrorTraceCount);
        p.Bind(7, d.InputTokens);
        p.Bind(8, d.OutputTokens);
        p.Bind(9, d.CostUsd);
        p.Bind(10, d.PricedSpans);
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
        var incomplete = false;
        if (_search is { } search && _dialect.FullText && !string.IsNullOrWhiteSpace(query.Text) && SearchText.Words(query.Text).Count > 0)
        {
            // Read-your-writes: what was committed before this search began is in the index it reads; when the index
            // is being rebuilt or takes longer than SearchWait, the answer says it may be incomplete.
            var committed = Scalar(c, null, "SELECT ifnull(max(seq), 0) FROM search_queue") is long seq ? seq : 0;
            incomplete = !await search.WaitForAsync(committed, SearchWait, cancellationToken).ConfigureAwait(false);
        }

        var rows = await ReadListAsync(c, sql, builder.Parameters, RowReader.ReadTrace, cancellationToken).ConfigureAwait(false);
        var page = QuerySql.Page(rows, query);
        return incomplete ? page with { SearchIncomplete = true } : page;
    }

    /// <summary>
    /// Waits until the full-text index holds everything committed so far (any rebuild included); false after
    /// <paramref name="timeout"/>. For benchmarks and tools that search right after a bulk load.
    /// </summary>
    internal async Task<bool> WaitForSearchIndexAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_search is not { } search)
        {
            return true;
        }

        try
        {
            await search.Rebuilt.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var committed = Scalar(c, null, "SELECT ifnull(max(seq), 0) FROM search_queue") is long seq ? seq : 0;
        return await search.WaitForAsync(committed, timeout, cancellationToken).ConfigureAwait(false);
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
        var spans = await ReadListAsync(c, QuerySql.TraceSpans(_dialect), id, r => RowReader.ReadSpan(r, resources), cancellationToken).ConfigureAwait(false);
        var evaluations = await ReadListAsync(c, SqliteScoresFile.TraceEvaluationsSql, id, RowReader.ReadEvaluation, cancellationToken).ConfigureAwait(false);
        return new TraceDetail(summary, spans, evaluations);
    }

    public async Task<IReadOnlyList<RetrievedDocument>> GetRetrievalContextAsync(string traceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        await using var c = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var id = new[] { new KeyValuePair<string, object?>("@id", traceId) };
        var lists = await ReadListAsync(c, QuerySql.TraceRetrievalDocuments(_dialect), id, r => SpanJson.ParseDocuments(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        return lists.Count == 0 ? [] : [.. lists.SelectMany(l => l)];
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
                    logs = Exec(writer, tx, $"DELETE FROM log_records WHERE time_unix_nano < {cutoff}");
                    tx.Commit();
                    _checkpointer?.Committed(writer);
                    break;
                }

                Exec(writer, tx, "DELETE FROM spans WHERE " + SqliteSchema.SpansOfTraces("spans", "SELECT trace_id FROM temp.llmops_doomed"));
                traces += Exec(writer, tx, "DELETE FROM traces WHERE trace_id IN (SELECT trace_id FROM temp.llmops_doomed)");
                Exec(writer, tx, "DELETE FROM sessions WHERE session_id IN (SELECT session_id FROM temp.llmops_doomed) AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.session_id = sessions.session_id)");
                Exec(writer, tx, WriterCommands.RecomputeSessionSql.Replace("t.session_id = $session", "t.session_id IN (SELECT session_id FROM temp.llmops_doomed)", StringComparison.Ordinal));
                tx.Commit();
                _checkpointer?.Committed(writer);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        evaluations = await _scores!.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
        return new RetentionResult(traces, evaluations, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _commands?.Dispose();
            _commands = null;
            if (_search is not null)
            {
                await _search.DisposeAsync().ConfigureAwait(false);
                _search = null;
            }

            if (_scores is not null)
            {
                await _scores.DisposeAsync().ConfigureAwait(false);
                _scores = null;
            }

            if (_checkpointer is not null)
            {
                await _checkpointer.DisposeAsync().ConfigureAwait(false);
                _checkpointer = null;
            }

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
            SqliteScoresFile.Attach(c, _path);
            SqliteSearchIndex.Attach(c, _path);
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
