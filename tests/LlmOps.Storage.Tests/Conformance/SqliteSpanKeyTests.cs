using LlmOps.Storage.Internal;
using LlmOps.Storage.Sqlite;
using LlmOps.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

/// <summary>
/// SQLite keys spans by their trace's row id (schema 7): a new trace's spans append to the index instead of taking a
/// random page of it, and every read of a trace's spans finds them through its row, never by scanning.
/// </summary>
public sealed class SqliteSpanKeyTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-keys-");

    [Fact]
    public async Task SpansAreKeyedByTheirTracesRow_AcrossBatches_WithRetriesStillStoredOnce()
    {
        var path = Path.Combine(_dir.FullName, "keys.db");
        string a = TestData.TraceId(10), b = TestData.TraceId(11), c = TestData.TraceId(12);
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);

        var first = await store.WriteAsync(
            TestData.Batch(TestData.Chat(a, TestData.SpanId(1)), TestData.Chat(b, TestData.SpanId(2)), TestData.Chat(a, TestData.SpanId(3))),
            CancellationToken.None);
        // A later batch: one more span of trace a, a retry of one of its spans, a new trace, and that new trace's span twice.
        var second = await store.WriteAsync(
            TestData.Batch(
                TestData.Chat(c, TestData.SpanId(4)),
                TestData.Chat(a, TestData.SpanId(5)),
                TestData.Chat(a, TestData.SpanId(1)),
                TestData.Chat(c, TestData.SpanId(4))),
            CancellationToken.None);

        Assert.Equal((3, 0), (first.SpansInserted, first.SpanDuplicates));
        Assert.Equal((2, 2), (second.SpansInserted, second.SpanDuplicates));
        await using var db = await OpenAsync(path);
        Assert.Equal(0L, Scalar(db, "SELECT count(*) FROM spans s LEFT JOIN traces t ON t.id = s.trace_row WHERE t.trace_id IS NOT s.trace_id"));
        Assert.Equal(5L, Scalar(db, "SELECT count(*) FROM spans"));
        Assert.Equal(3L, Scalar(db, "SELECT count(DISTINCT trace_row) FROM spans"));
        Assert.Equal(0L, Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('spans_trace_span', 'traces_duration')"));

        var detail = await store.GetTraceAsync(a, CancellationToken.None);
        Assert.NotNull(detail);
        Assert.Equal([TestData.SpanId(1), TestData.SpanId(3), TestData.SpanId(5)], detail.Spans.Select(s => s.SpanId).Order().ToArray());
        Assert.Equal(3, detail.Summary.SpanCount);
        Assert.Equal([TestData.SpanId(4)], (await store.GetTraceAsync(c, CancellationToken.None))!.Spans.Select(s => s.SpanId).ToArray());

        // Every read of one trace's spans goes through an index, never a scan of the span table.
        foreach (var sql in new[]
        {
            QuerySql.TraceSpans(new SqliteDialect(fullText: false)),
            QuerySql.TraceRetrievalDocuments(new SqliteDialect(fullText: false)),
            SqliteScoresFile.TraceEvaluationsSql,
        })
        {
            var plan = Plan(db, sql, a);
            Assert.Contains("spans_trace_row", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("SCAN s ", plan + " ", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AStoreWrittenBeforeSchema7_IsMigrated_AndKeepsEveryTraceAndItsDuplicateCheck()
    {
        var path = Path.Combine(_dir.FullName, "old.db");
        string a = TestData.TraceId(20), b = TestData.TraceId(21);
        await using (var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
            await store.WriteAsync(TestData.Batch(TestData.Chat(a, TestData.SpanId(1)), TestData.Chat(b, TestData.SpanId(2)), TestData.Chat(a, TestData.SpanId(3))), CancellationToken.None);
        }

        // Back to the layout of schema 6: spans unique on (trace_id, span_id), no trace_row column.
        SqliteConnection.ClearAllPools();
        await using (var db = await OpenAsync(path, readOnly: false))
        {
            Exec(db, """
                DROP INDEX spans_trace_row;
                ALTER TABLE spans DROP COLUMN trace_row;
                CREATE UNIQUE INDEX spans_trace_span ON spans (trace_id, span_id);
                DELETE FROM schema_migrations WHERE version = 7;
                """);
        }

        SqliteConnection.ClearAllPools();
        await using (var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
            var retry = await store.WriteAsync(TestData.Batch(TestData.Chat(a, TestData.SpanId(1)), TestData.Chat(b, TestData.SpanId(4))), CancellationToken.None);
            Assert.Equal((1, 1), (retry.SpansInserted, retry.SpanDuplicates));
            Assert.Equal(2, (await store.GetTraceAsync(a, CancellationToken.None))!.Spans.Count);
            Assert.Equal(2, (await store.GetTraceAsync(b, CancellationToken.None))!.Spans.Count);
        }

        await using var check = await OpenAsync(path);
        Assert.Equal(0L, Scalar(check, "SELECT count(*) FROM spans s LEFT JOIN traces t ON t.id = s.trace_row WHERE t.trace_id IS NOT s.trace_id"));
        Assert.Equal(0L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name = 'spans_trace_span'"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM schema_migrations WHERE version = 7"));
    }

    private static async Task<SqliteConnection> OpenAsync(string path, bool readOnly = true)
    {
        var c = new SqliteConnection($"Data Source={path};Mode={(readOnly ? "ReadOnly" : "ReadWrite")};Pooling=False");
        await c.OpenAsync();
        SqliteScoresFile.Attach(c, path);
        return c;
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Plan(SqliteConnection c, string sql, string traceId)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
        cmd.Parameters.AddWithValue("@id", traceId);
        using var r = cmd.ExecuteReader();
        var lines = new List<string>();
        while (r.Read())
        {
            lines.Add(r.GetString(3));
        }

        return string.Join("\n", lines);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
