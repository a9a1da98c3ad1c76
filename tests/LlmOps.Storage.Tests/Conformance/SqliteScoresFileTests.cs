using LlmOps.Processors.Model;
using LlmOps.Storage.Sqlite;
using LlmOps.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

public sealed class SqliteScoresFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-scores-");

    private string MainPath => Path.Combine(_dir.FullName, "llmops.db");

    [Fact]
    public void PathFor_PutsTheScoresFileBesideTheMainFile()
    {
        Assert.Equal(Path.Combine(_dir.FullName, "llmops.scores.db"), SqliteScoresFile.PathFor(MainPath));
        Assert.Equal(Path.Combine(_dir.FullName, "telemetry.scores.db"), SqliteScoresFile.PathFor(Path.Combine(_dir.FullName, "telemetry")));
    }

    [Fact]
    public async Task Evaluations_AreStoredInTheScoresFile_AndReadThroughTheMainStore()
    {
        await using (var store = await OpenAsync())
        {
            var t = TestData.TraceId(1);
            var batch = TestData.Batch(TestData.Chat(t, TestData.SpanId(1)));
            batch.Logs.Add(TestData.Evaluation(t, TestData.SpanId(1), "user_feedback", 1, "thumbs_up"));
            var result = await store.WriteAsync(batch, CancellationToken.None);
            Assert.Equal((1, 1), (result.SpansInserted, result.EvaluationsInserted));
            await store.AppendEvaluationLogsAsync([new EvaluationLogRow(1_000, "toxicity", t, TestData.SpanId(1), 0.1, 0.2, "ok", null)], CancellationToken.None);

            var detail = await store.GetTraceAsync(t, CancellationToken.None);
            Assert.Equal("user_feedback", Assert.Single(detail!.Evaluations).Name);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(0, Count(MainPath, "SELECT count(*) FROM sqlite_master WHERE name IN ('evaluation_results', 'evaluation_logs')"));
        var scores = SqliteScoresFile.PathFor(MainPath);
        Assert.Equal(1, Count(scores, "SELECT count(*) FROM evaluation_results WHERE name = 'user_feedback'"));
        Assert.Equal(1, Count(scores, "SELECT count(*) FROM evaluation_logs WHERE evaluator = 'toxicity'"));
        Assert.Equal(1, Count(MainPath, "SELECT count(*) FROM spans"));
    }

    [Fact]
    public async Task ScoresWrittenBack_AreStoredWhileAnotherConnectionHoldsTheMainFilesWriteLock()
    {
        await using var store = await OpenAsync();
        await using var blocker = new SqliteConnection($"Data Source={MainPath};Pooling=false");
        await blocker.OpenAsync();
        using var held = blocker.BeginTransaction(deferred: false);
        Exec(blocker, "INSERT INTO resources (id, schema_url, attributes) VALUES ('held', '', '{}')", held);

        // The main file is locked (a span write would wait up to the busy timeout); a batch of scores alone is stored.
        var batch = new TelemetryBatch { Background = true };
        for (var i = 0; i < 50; i++)
        {
            batch.Logs.Add(TestData.Evaluation(TestData.TraceId(i + 1), TestData.SpanId(i + 1), "conciseness", 0.5, null));
        }

        var write = store.WriteAsync(batch, CancellationToken.None);
        var finished = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(write, finished);
        Assert.Equal(50, (await write).EvaluationsInserted);
        held.Rollback();
    }

    [Fact]
    public async Task Upgrade_MovesEvaluationTablesOfTheMainFile_KeepingIds_AndRunsAgainHarmlessly()
    {
        // A main file as earlier versions left it: both tables in it, with rows.
        await using (var store = await OpenAsync())
        {
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(SqliteScoresFile.PathFor(MainPath) + suffix);
        }
        using (var c = new SqliteConnection($"Data Source={MainPath};Pooling=false"))
        {
            c.Open();
            Exec(c, """
                CREATE TABLE evaluation_results (id INTEGER PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, name TEXT NOT NULL, source TEXT NOT NULL,
                    response_id TEXT NOT NULL, time_unix_nano INTEGER NOT NULL, score_value REAL, score_label TEXT, explanation TEXT, user_id TEXT);
                CREATE TABLE evaluation_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, ts BIGINT NOT NULL, evaluator TEXT NOT NULL, trace_id TEXT, span_id TEXT,
                    score REAL, duration_ms REAL NOT NULL, status TEXT NOT NULL, message TEXT);
                INSERT INTO evaluation_results VALUES (7, 't1', 's1', 'hallucination', 'ev', '', 100, 0.9, NULL, 'grounded', 'u1');
                INSERT INTO evaluation_results VALUES (9, 't2', 's2', 'toxicity', 'ev', '', 200, 0.1, NULL, NULL, NULL);
                INSERT INTO evaluation_logs VALUES (41, 1000, 'hallucination', 't1', 's1', 0.9, 0.3, 'ok', NULL);
                """);
        }

        await using (var store = await OpenAsync())
        {
            await store.MoveEvaluationTablesAsync(CancellationToken.None);
            await store.AppendEvaluationLogsAsync([new EvaluationLogRow(2_000, "toxicity", "t2", "s2", 0.1, 0.2, "ok", null)], CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(0, Count(MainPath, "SELECT count(*) FROM sqlite_master WHERE name IN ('evaluation_results', 'evaluation_logs')"));
        var scores = SqliteScoresFile.PathFor(MainPath);
        Assert.Equal(16, Count(scores, "SELECT sum(id) FROM evaluation_results"));
        Assert.Equal(1, Count(scores, "SELECT count(*) FROM evaluation_results WHERE id = 7 AND explanation = 'grounded' AND user_id = 'u1'"));
        // The moved log line keeps its id; the next one continues after it.
        Assert.Equal([41L, 42L], Ids(scores, "SELECT id FROM evaluation_logs ORDER BY id"));
    }

    [Fact]
    public async Task CollectorScores_KeyedBySpanRow_AreFoundByTrace_AndNoQueryScansTheTables()
    {
        await using var store = await OpenAsync();
        var batch = TestData.Batch(TestData.Chat(TestData.TraceId(1), TestData.SpanId(1)), TestData.Chat(TestData.TraceId(2), TestData.SpanId(2)));
        await store.WriteAsync(batch, CancellationToken.None);
        Assert.All(batch.Spans, s => Assert.NotNull(s.StoreRowId));

        // Scores written back for both spans, keyed by their row ids; one more keyed by a row id no span of trace 1 has.
        var scores = new TelemetryBatch { Background = true };
        foreach (var span in batch.Spans)
        {
            var score = TestData.Evaluation(span.TraceId, span.SpanId, "conciseness", 0.7, null);
            score.Evaluation = new EvaluationResultRecord { Name = "conciseness", ScoreValue = 0.7, TraceId = span.TraceId, SpanId = span.SpanId, Source = "builtin-conciseness", TimeUnixNano = 1, SpanRow = span.StoreRowId };
            scores.Logs.Add(score);
        }

        var stray = TestData.Evaluation(TestData.TraceId(1), TestData.SpanId(9), "stray", 0.1, null);
        stray.Evaluation = new EvaluationResultRecord { Name = "stray", TraceId = TestData.TraceId(3), SpanId = TestData.SpanId(9), Source = "x", TimeUnixNano = 1, SpanRow = batch.Spans[0].StoreRowId };
        scores.Logs.Add(stray);
        Assert.Equal(3, (await store.WriteAsync(scores, CancellationToken.None)).EvaluationsInserted);
        Assert.Equal(0, (await store.WriteAsync(scores, CancellationToken.None)).EvaluationsInserted);

        var detail = await store.GetTraceAsync(TestData.TraceId(1), CancellationToken.None);
        var only = Assert.Single(detail!.Evaluations);
        Assert.Equal(("conciseness", TestData.SpanId(1)), (only.Name, only.SpanId));

        await using var c = new SqliteConnection($"Data Source={MainPath};Mode=ReadOnly;Pooling=false");
        await c.OpenAsync();
        SqliteScoresFile.Attach(c, MainPath);
        foreach (var sql in new[] { SqliteScoresFile.TraceEvaluationsSql, $"SELECT e.name FROM evaluation_results e WHERE {SqliteScoresFile.TracesFilter("e", "@id")}" })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
            cmd.Parameters.AddWithValue("@id", TestData.TraceId(1));
            using var r = cmd.ExecuteReader();
            var plan = new List<string>();
            while (r.Read())
            {
                plan.Add(r.GetString(3));
            }

            Assert.DoesNotContain(plan, p => p.StartsWith("SCAN e", StringComparison.Ordinal) || p.StartsWith("SCAN r", StringComparison.Ordinal) || p.StartsWith("SCAN s", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task EarlierScoresFileLayout_GetsTheSpanRowColumnsAndIndexes()
    {
        using (var c = new SqliteConnection($"Data Source={SqliteScoresFile.PathFor(MainPath)};Pooling=false"))
        {
            c.Open();
            Exec(c, """
                CREATE TABLE evaluation_results (id INTEGER PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, name TEXT NOT NULL, source TEXT NOT NULL,
                    response_id TEXT NOT NULL, time_unix_nano INTEGER NOT NULL, score_value REAL, score_label TEXT, explanation TEXT, user_id TEXT);
                CREATE UNIQUE INDEX evaluation_results_key ON evaluation_results (trace_id, span_id, name, source, response_id, time_unix_nano);
                CREATE TABLE evaluation_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, ts BIGINT NOT NULL, evaluator TEXT NOT NULL, trace_id TEXT, span_id TEXT,
                    score REAL, duration_ms REAL NOT NULL, status TEXT NOT NULL, message TEXT);
                CREATE INDEX ix_evaluation_logs_trace ON evaluation_logs (trace_id);
                INSERT INTO evaluation_results VALUES (3, 't1', 's1', 'toxicity', 'ev', '', 100, 0.1, NULL, NULL, NULL);
                """);
        }

        await using (var store = await OpenAsync())
        {
        }

        SqliteConnection.ClearAllPools();
        var scores = SqliteScoresFile.PathFor(MainPath);
        Assert.Equal(2, Count(scores, "SELECT (SELECT count(*) FROM pragma_table_info('evaluation_results') WHERE name = 'span_row') + (SELECT count(*) FROM pragma_table_info('evaluation_logs') WHERE name = 'span_row')"));
        Assert.Equal(0, Count(scores, "SELECT count(*) FROM sqlite_master WHERE name IN ('evaluation_results_key', 'ix_evaluation_logs_trace')"));
        Assert.Equal(2, Count(scores, "SELECT count(*) FROM sqlite_master WHERE name IN ('evaluation_results_client_key', 'ix_evaluation_logs_span')"));
        Assert.Equal(1, Count(scores, "SELECT count(*) FROM evaluation_results WHERE id = 3 AND span_row IS NULL"));
    }

    private async Task<SqliteTelemetryStore> OpenAsync()
    {
        var store = new SqliteTelemetryStore(new StorageOptions { Path = MainPath, BusyTimeout = TimeSpan.FromSeconds(60) }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private static long Count(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<long> Ids(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var ids = new List<long>();
        while (r.Read())
        {
            ids.Add(r.GetInt64(0));
        }

        return ids;
    }

    private static void Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
