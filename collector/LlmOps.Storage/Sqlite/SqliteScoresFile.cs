using System.Globalization;
using LlmOps.Processors.Model;
using Microsoft.Data.Sqlite;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// The embedded store's second file, beside the main one (<c>llmops.db</c> → <c>llmops.scores.db</c>): evaluation
/// results and evaluation log lines, with a writer connection, write lock, WAL and checkpointer of their own. The
/// collector writes several of these rows for every span it scores; in the main file they took turns with client
/// exports on SQLite's single writer and their pages were flushed by the next client commit's fsync. Here the span
/// writer never waits for them, and the rows the collector writes are indexed by the scored span's row id rather than
/// by random trace ids (see <see cref="EnsureSchema"/>).
/// Every connection that reads the store attaches this file as <see cref="Alias"/>; the tables exist only here, so
/// unqualified names (<c>evaluation_results</c>, <c>evaluation_logs</c>) resolve to it and joins with spans and traces
/// work as before.
/// </summary>
internal sealed class SqliteScoresFile : IAsyncDisposable
{
    public const string Alias = "scores";

    // The columns the tables had in the main file (without span_row), copied when they are moved.
    private const string EvaluationResultColumns = "id, trace_id, span_id, name, source, response_id, time_unix_nano, score_value, score_label, explanation, user_id";
    private const string EvaluationLogColumns = "id, ts, evaluator, trace_id, span_id, score, duration_ms, status, message";

    private const string InsertEvaluationSql = """
        INSERT INTO evaluation_results (trace_id, span_id, name, source, response_id, time_unix_nano, score_value, score_label, explanation, user_id, span_row)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertLogSql =
        "INSERT INTO evaluation_logs (ts, evaluator, trace_id, span_id, score, duration_ms, status, message, span_row) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

    /// <summary>
    /// Evaluation results of a trace (parameter <c>@id</c>): the collector's, through the row ids of the trace's spans;
    /// clients', by trace id or by the response id of one of its spans. The trace id is checked on every part, so a
    /// row id reused after retention emptied the span table matches nothing.
    /// </summary>
    public static readonly string TraceEvaluationsSql =
        $"SELECT {Internal.RowReader.EvaluationSelectList} FROM evaluation_results e WHERE e.span_row IN (SELECT s.id FROM spans s WHERE {SqliteSchema.SpansOfTrace("s", "@id")}) AND e.trace_id = @id "
        + $"UNION SELECT {Internal.RowReader.EvaluationSelectList} FROM evaluation_results e WHERE e.trace_id = @id AND e.span_row IS NULL "
        + $"UNION SELECT {Internal.RowReader.EvaluationSelectList} FROM evaluation_results e JOIN spans s ON {SqliteSchema.SpansOfTrace("s", "@id")} AND s.response_id IS NOT NULL AND e.response_id = s.response_id AND e.span_row IS NULL "
        + "ORDER BY 9, 1, 8";

    /// <summary>
    /// A filter on <c>evaluation_results</c> (alias <paramref name="alias"/>) for the traces in <paramref name="traceIds"/>
    /// (a SQL list of parameters), using the indexes of both kinds of row.
    /// </summary>
    public static string TracesFilter(string alias, string traceIds) =>
        $"{alias}.trace_id IN ({traceIds}) AND {alias}.id IN (SELECT r.id FROM evaluation_results r WHERE r.span_row IN (SELECT s.id FROM spans s WHERE {SqliteSchema.SpansOfTraces("s", traceIds)}) "
        + $"UNION ALL SELECT r.id FROM evaluation_results r WHERE r.span_row IS NULL AND r.trace_id IN ({traceIds}))";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly RawStatement _insertEvaluation;
    private readonly RawStatement _insertLog;
    private readonly WalCheckpointer _checkpointer;
    private readonly bool _fullSync;

    private SqliteScoresFile(SqliteConnection writer, WalCheckpointer checkpointer, bool fullSync)
    {
        _writer = writer;
        _checkpointer = checkpointer;
        _fullSync = fullSync;
        _insertEvaluation = new RawStatement(writer.Handle!, InsertEvaluationSql);
        _insertLog = new RawStatement(writer.Handle!, InsertLogSql);
    }

    /// <summary>The scores file of the main database file <paramref name="mainPath"/>.</summary>
    public static string PathFor(string mainPath) => SqliteSideFile.PathFor(mainPath, ".scores");

    /// <summary>
    /// Creates (or opens) the scores file, its tables and its writer. <paramref name="fullSync"/>: commits of client
    /// data are fsynced (the store's <c>synchronous: full</c>); the collector's own write-back never is.
    /// </summary>
    public static async Task<SqliteScoresFile> OpenAsync(string mainPath, StorageOptions options, bool fullSync, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = PathFor(mainPath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        WalCheckpointer? checkpointer = null;
        try
        {
            Exec(writer, string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;"));
            using (var tx = writer.BeginTransaction(deferred: false))
            {
                EnsureSchema(writer, "main", tx);
                tx.Commit();
            }

            checkpointer = await WalCheckpointer.StartAsync(writer, options.WalLimitMb * 1024L * 1024L, time, cancellationToken).ConfigureAwait(false);
            return new SqliteScoresFile(writer, checkpointer, fullSync);
        }
        catch
        {
            if (checkpointer is not null)
            {
                await checkpointer.DisposeAsync().ConfigureAwait(false);
            }

            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Attaches the scores file of <paramref name="mainPath"/> to <paramref name="connection"/> as <see cref="Alias"/>
    /// unless it already is (pooled connections keep their attachments) or the file does not exist yet.
    /// </summary>
    public static void Attach(SqliteConnection connection, string mainPath) => SqliteSideFile.Attach(connection, PathFor(mainPath), Alias);

    /// <summary>
    /// Moves <c>evaluation_results</c> and <c>evaluation_logs</c> rows still in the main file (written before this file
    /// existed, or tables created there by a migration) into the scores file and drops the main file's tables.
    /// Idempotent: rows keep their ids, a copy interrupted by a crash is completed by the next call.
    /// </summary>
    public static int MoveFromMain(SqliteConnection main, string mainPath)
    {
        ArgumentNullException.ThrowIfNull(main);
        Attach(main, mainPath);
        var moved = 0;
        using (var tx = main.BeginTransaction(deferred: false))
        {
            EnsureSchema(main, Alias, tx);
            foreach (var (table, columns) in new[] { ("evaluation_results", EvaluationResultColumns), ("evaluation_logs", EvaluationLogColumns) })
            {
                using var exists = main.CreateCommand();
                exists.Transaction = tx;
                exists.CommandText = $"SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = '{table}'";
                if (exists.ExecuteScalar() is not long n || n == 0)
                {
                    continue;
                }

                moved += Exec(main, $"INSERT OR IGNORE INTO {Alias}.{table} ({columns}) SELECT {columns} FROM main.{table}", tx);
                Exec(main, $"DROP TABLE main.{table}", tx);
            }

            tx.Commit();
        }

        Exec(main, $"DETACH DATABASE {Alias}");
        return moved;
    }

    /// <summary>
    /// Stores evaluation results in one transaction; returns how many were new. <paramref name="background"/>: the
    /// collector's own write-back, acknowledged to no one, committed without an fsync.
    /// </summary>
    public async Task<int> WriteEvaluationsAsync(IReadOnlyList<EvaluationResultRecord> results, bool background, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return 0;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var sync = Sync(background);
            using var tx = _writer.BeginTransaction(deferred: false);
            var inserted = 0;
            var p = _insertEvaluation;
            foreach (var e in results)
            {
                p.Bind(1, e.TraceId ?? string.Empty);
                p.Bind(2, e.SpanId ?? string.Empty);
                p.Bind(3, e.Name);
                p.Bind(4, e.Source);
                p.Bind(5, e.ResponseId ?? string.Empty);
                p.Bind(6, e.TimeUnixNano);
                p.Bind(7, e.ScoreValue);
                p.Bind(8, e.ScoreLabel);
                p.Bind(9, e.Explanation);
                p.Bind(10, e.UserId);
                p.Bind(11, e.SpanRow);
                inserted += p.Execute();
            }

            tx.Commit();
            _checkpointer.Committed(_writer);
            return inserted;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Appends evaluation log lines in chunks of <paramref name="chunk"/>, each its own transaction, without fsync.</summary>
    public async Task AppendLogsAsync(IReadOnlyList<EvaluationLogRow> rows, int chunk, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += chunk)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var tx = _writer.BeginTransaction(deferred: false);
                var p = _insertLog;
                for (var i = start; i < Math.Min(rows.Count, start + chunk); i++)
                {
                    var row = rows[i];
                    p.Bind(1, row.TimestampUnixMs);
                    p.Bind(2, row.Evaluator);
                    p.Bind(3, row.TraceId);
                    p.Bind(4, row.SpanId);
                    p.Bind(5, row.Score);
                    p.Bind(6, row.DurationMs);
                    p.Bind(7, row.Status);
                    p.Bind(8, row.Message);
                    p.Bind(9, row.SpanRow);
                    p.Execute();
                }

                tx.Commit();
                _checkpointer.Committed(_writer);
            }
            finally
            {
                _lock.Release();
            }
        }
    }

    /// <summary>Deletes evaluation results and log lines older than <paramref name="cutoffUnixNano"/>.</summary>
    public async Task<long> DeleteOlderThanAsync(long cutoffUnixNano, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _writer.BeginTransaction(deferred: false);
            var n = Exec(_writer, string.Create(CultureInfo.InvariantCulture, $"DELETE FROM evaluation_results WHERE time_unix_nano < {cutoffUnixNano}"), tx);
            Exec(_writer, string.Create(CultureInfo.InvariantCulture, $"DELETE FROM evaluation_logs WHERE ts < {cutoffUnixNano / 1_000_000}"), tx);
            tx.Commit();
            _checkpointer.Committed(_writer);
            return n;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            _insertEvaluation.Dispose();
            _insertLog.Dispose();
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Client data under <c>synchronous: full</c> is fsynced at commit; everything else is not.</summary>
    private SyncScope? Sync(bool background)
    {
        if (background || !_fullSync)
        {
            return null;
        }

        Exec(_writer, "PRAGMA synchronous = FULL");
        return new SyncScope(_writer);
    }

    private sealed class SyncScope(SqliteConnection writer) : IDisposable
    {
        public void Dispose() => Exec(writer, "PRAGMA synchronous = NORMAL");
    }

    /// <summary>
    /// Creates the tables and indexes in the schema <paramref name="schema"/> (<c>main</c>, or <see cref="Alias"/>), or
    /// brings an earlier layout up to date. Rows the collector's evaluators wrote for a stored span carry its row id
    /// (<c>span_row</c>, increasing with arrival) and are indexed by it: their inserts land at the end of the index,
    /// touching a few hot pages per commit. Only rows without one (scores and feedback sent by clients) are indexed by
    /// trace and response id, whose random values would otherwise dirty a page of the index for nearly every row.
    /// </summary>
    private static void EnsureSchema(SqliteConnection c, string schema, SqliteTransaction? tx)
    {
        var prefix = schema + ".";
        Exec(c, $"""
            CREATE TABLE IF NOT EXISTS {prefix}evaluation_results (
                id INTEGER PRIMARY KEY,
                trace_id TEXT NOT NULL,
                span_id TEXT NOT NULL,
                name TEXT NOT NULL,
                source TEXT NOT NULL,
                response_id TEXT NOT NULL,
                time_unix_nano INTEGER NOT NULL,
                score_value REAL,
                score_label TEXT,
                explanation TEXT,
                user_id TEXT,
                span_row INTEGER
            );
            CREATE TABLE IF NOT EXISTS {prefix}evaluation_logs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ts BIGINT NOT NULL,
                evaluator TEXT NOT NULL,
                trace_id TEXT,
                span_id TEXT,
                score REAL,
                duration_ms REAL NOT NULL,
                status TEXT NOT NULL,
                message TEXT,
                span_row INTEGER
            );
            """, tx);
        foreach (var table in new[] { "evaluation_results", "evaluation_logs" })
        {
            if (Scalar(c, $"SELECT count(*) FROM pragma_table_info('{table}', '{schema}') WHERE name = 'span_row'", tx) == 0)
            {
                Exec(c, $"ALTER TABLE {prefix}{table} ADD COLUMN span_row INTEGER", tx);
            }
        }

        Exec(c, $"""
            DROP INDEX IF EXISTS {prefix}evaluation_results_key;
            DROP INDEX IF EXISTS {prefix}evaluation_results_response;
            DROP INDEX IF EXISTS {prefix}ix_evaluation_logs_trace;
            CREATE UNIQUE INDEX IF NOT EXISTS {prefix}evaluation_results_span ON evaluation_results (span_row, name, source) WHERE span_row IS NOT NULL;
            CREATE UNIQUE INDEX IF NOT EXISTS {prefix}evaluation_results_client_key ON evaluation_results (trace_id, span_id, name, source, response_id, time_unix_nano) WHERE span_row IS NULL;
            CREATE INDEX IF NOT EXISTS {prefix}evaluation_results_client_response ON evaluation_results (response_id) WHERE span_row IS NULL;
            CREATE INDEX IF NOT EXISTS {prefix}evaluation_results_time ON evaluation_results (time_unix_nano);
            CREATE INDEX IF NOT EXISTS {prefix}ix_evaluation_logs_evaluator ON evaluation_logs (evaluator, id);
            CREATE INDEX IF NOT EXISTS {prefix}ix_evaluation_logs_status ON evaluation_logs (status, id);
            CREATE INDEX IF NOT EXISTS {prefix}ix_evaluation_logs_span ON evaluation_logs (span_row) WHERE span_row IS NOT NULL;
            CREATE INDEX IF NOT EXISTS {prefix}ix_evaluation_logs_client_trace ON evaluation_logs (trace_id) WHERE span_row IS NULL;
            CREATE INDEX IF NOT EXISTS {prefix}ix_evaluation_logs_ts ON evaluation_logs (ts);
            """, tx);
    }

    private static long Scalar(SqliteConnection c, string sql, SqliteTransaction? tx)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() is long n ? n : 0;
    }

    private static int Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }
}
