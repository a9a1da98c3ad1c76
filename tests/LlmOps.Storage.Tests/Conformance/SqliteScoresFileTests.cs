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
