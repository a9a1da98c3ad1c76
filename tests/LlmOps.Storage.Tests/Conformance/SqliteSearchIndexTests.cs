using System.Globalization;
using LlmOps.Processors.Model;
using LlmOps.Storage.Queries;
using LlmOps.Storage.Sqlite;
using LlmOps.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

/// <summary>
/// The full-text index in its own file (<c>llmops.search.db</c>), fed from the main file's queue of changed traces:
/// nothing written is missed, changes and deletions reach it, a search sees what was committed before it began, and a
/// lost or foreign index file is rebuilt from the traces.
/// </summary>
public sealed class SqliteSearchIndexTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-search-");

    private string MainPath => Path.Combine(_dir.FullName, "llmops.db");

    [Fact]
    public void PathFor_PutsTheIndexBesideTheMainFile()
    {
        Assert.Equal(Path.Combine(_dir.FullName, "llmops.search.db"), SqliteSearchIndex.PathFor(MainPath));
        Assert.Equal(Path.Combine(_dir.FullName, "telemetry.search.db"), SqliteSearchIndex.PathFor(Path.Combine(_dir.FullName, "telemetry")));
    }

    [Fact]
    public async Task ManySmallCommits_AreEachFoundByTheSearchRightAfterTheirWrite()
    {
        await using var store = await OpenAsync();
        Assert.True(store.FullTextSearch);

        // 400 commits of 3 traces; each commit's words are searched for at once (read-your-writes, no waiting here).
        const int Commits = 400;
        for (var c = 0; c < Commits; c++)
        {
            var batch = new TelemetryBatch();
            for (var i = 0; i < 3; i++)
            {
                var n = (c * 3) + i + 1;
                batch.Spans.Add(TestData.Chat(TestData.TraceId(n), TestData.SpanId(n), input: "pump " + Marker(n), output: "valve " + Marker(n)));
            }

            await store.WriteAsync(batch, CancellationToken.None).WaitAsync(Timeout);
            if (c % 40 == 0)
            {
                var n = (c * 3) + 2;
                var hit = await store.QueryTracesAsync(new TraceQuery { Text = Marker(n) }, CancellationToken.None).WaitAsync(Timeout);
                Assert.Equal(TestData.TraceId(n), Assert.Single(hit.Items).TraceId);
            }
        }

        foreach (var n in new[] { 1, 2, 600, 1199, 1200 })
        {
            var page = await store.QueryTracesAsync(new TraceQuery { Text = Marker(n) }, CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(TestData.TraceId(n), Assert.Single(page.Items).TraceId);
        }

        var all = await store.QueryTracesAsync(new TraceQuery { Text = "pump", Limit = TraceQuery.MaxLimit }, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(TraceQuery.MaxLimit, all.Items.Count);

        // The index is not in the main file any more, and the main file's queue is trimmed as the index applies it.
        Assert.Equal(0L, ScalarInt(MainPath, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'traces_fts%'"));
        Assert.True(File.Exists(SqliteSearchIndex.PathFor(MainPath)));
        Assert.True(ScalarInt(MainPath, "SELECT count(*) FROM search_queue") < 1200, "the queue is trimmed");
        Assert.Equal(0, store.SearchIndex!.Failures);
    }

    [Fact]
    public async Task TracesOfOneBatch_GoIntoTheIndexInRowOrder_AsOneSegment()
    {
        await using var store = await OpenAsync();

        // Spans in descending trace id order: the writer numbers new traces in span order and UPSERTs them in trace id
        // order, so the queue lists this batch's rows in descending order.
        const int Traces = 300;
        var batch = new TelemetryBatch();
        for (var n = Traces; n >= 1; n--)
        {
            batch.Spans.Add(TestData.Chat(TestData.TraceId(n), TestData.SpanId(n), input: "pump " + Marker(n), output: "valve"));
        }

        await store.WriteAsync(batch, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(TestData.TraceId(150), Assert.Single((await Search(store, Marker(150))).Items).TraceId);
        Assert.Equal(Traces, (await store.QueryTracesAsync(new TraceQuery { Text = "valve", Limit = TraceQuery.MaxLimit }, CancellationToken.None).WaitAsync(Timeout)).Items.Count);

        // FTS5 keeps a segment's pages in traces_fts_data under row ids whose bits from 37 up hold the segment's id
        // (16 bits). Applied in row order, the batch is one segment; in queue order each trace flushed one.
        var segments = ScalarInt(SqliteSearchIndex.PathFor(MainPath), "SELECT count(DISTINCT (id >> 37) & 65535) FROM traces_fts_data WHERE id >= 137438953472");
        Assert.Equal(1L, segments);
    }

    [Fact]
    public async Task ChangedText_IsFoundByItsNewWordsAndNotItsOldOnes()
    {
        await using var store = await OpenAsync();
        var trace = TestData.TraceId(7);
        await store.WriteAsync(TestData.Batch(TestData.Chat(trace, TestData.SpanId(1), startOffsetMs: 1000, input: "zebra crossing")), CancellationToken.None).WaitAsync(Timeout);
        Assert.Single((await Search(store, "zebra")).Items);

        // An earlier span of the same trace arrives later: the trace's input becomes that span's.
        await store.WriteAsync(TestData.Batch(TestData.Chat(trace, TestData.SpanId(2), startOffsetMs: 0, input: "yak shaving")), CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(trace, Assert.Single((await Search(store, "yak")).Items).TraceId);
        Assert.Empty((await Search(store, "zebra")).Items);
    }

    [Fact]
    public async Task TracesDeletedByRetention_LeaveTheIndex()
    {
        var time = new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds((TestData.BaseNs / 1_000_000) + 60_000));
        await using var store = await OpenAsync(new StorageOptions { Path = MainPath, Retention = TimeSpan.FromSeconds(30) }, time);
        await store.WriteAsync(TestData.Batch(
            TestData.Chat(TestData.TraceId(20), TestData.SpanId(1), startOffsetMs: 0, input: "gearbox old"),
            TestData.Chat(TestData.TraceId(21), TestData.SpanId(1), startOffsetMs: 45_000, input: "gearbox new")), CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(2, (await Search(store, "gearbox")).Items.Count);

        await store.ApplyRetentionAsync(CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(TestData.TraceId(21), Assert.Single((await Search(store, "gearbox")).Items).TraceId);
        Assert.Empty((await Search(store, "old")).Items);
    }

    [Fact]
    public async Task DeletedIndexFile_IsRebuiltFromTheTraces()
    {
        await using (var first = await OpenAsync())
        {
            for (var n = 1; n <= 2500; n += 500)
            {
                var batch = new TelemetryBatch();
                for (var i = n; i < n + 500; i++)
                {
                    batch.Spans.Add(TestData.Chat(TestData.TraceId(i), TestData.SpanId(1), input: "lathe " + Marker(i)));
                }

                await first.WriteAsync(batch, CancellationToken.None).WaitAsync(Timeout);
            }
        }

        SqliteConnection.ClearAllPools();
        DeleteWithWal(SqliteSearchIndex.PathFor(MainPath));

        await using var store = await OpenAsync();
        await store.SearchIndex!.Rebuilt.WaitAsync(Timeout);
        Assert.Equal(TestData.TraceId(2345), Assert.Single((await Search(store, Marker(2345))).Items).TraceId);
        Assert.Equal(TestData.TraceId(1), Assert.Single((await Search(store, Marker(1))).Items).TraceId);
        Assert.Equal(TraceQuery.MaxLimit, (await store.QueryTracesAsync(new TraceQuery { Text = "lathe", Limit = TraceQuery.MaxLimit }, CancellationToken.None).WaitAsync(Timeout)).Items.Count);
        Assert.Equal(2500L, ScalarInt(SqliteSearchIndex.PathFor(MainPath), "SELECT count(*) FROM traces_fts('lathe')"));
    }

    [Fact]
    public async Task IndexOfAnotherMainFile_IsNotUsed()
    {
        await using (var first = await OpenAsync())
        {
            await first.WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(1), TestData.SpanId(1), input: "forklift")), CancellationToken.None).WaitAsync(Timeout);
        }

        // The main file is replaced (say, restored from elsewhere) but the old index file stays: row 1 is now
        // another trace, which the old index would wrongly find by the old words.
        SqliteConnection.ClearAllPools();
        DeleteWithWal(MainPath);
        DeleteWithWal(SqliteScoresFile.PathFor(MainPath));
        await using var store = await OpenAsync();
        await store.WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(2), TestData.SpanId(1), input: "conveyor")), CancellationToken.None).WaitAsync(Timeout);
        await store.SearchIndex!.Rebuilt.WaitAsync(Timeout);
        Assert.Empty((await Search(store, "forklift")).Items);
        Assert.Equal(TestData.TraceId(2), Assert.Single((await Search(store, "conveyor")).Items).TraceId);
    }

    [Fact]
    public async Task BlockedIndexWriter_IsRetriedFromWhereItStood_AndSearchesSayTheyMayBeIncomplete()
    {
        await using var store = await OpenAsync(new StorageOptions { Path = MainPath, BusyTimeout = TimeSpan.FromSeconds(1) }, TimeProvider.System);
        await store.WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(1), TestData.SpanId(1), input: "boiler")), CancellationToken.None).WaitAsync(Timeout);
        var before = await Search(store, "boiler");
        Assert.Single(before.Items);
        Assert.False(before.SearchIncomplete);
        Assert.Equal(new SearchIndexStatus(0, false, 0, null), store.SearchIndexStatus);

        // Another process holds the search file's write lock: the index writer's passes fail (busy) and are retried.
        using (var blocker = new SqliteConnection($"Data Source={SqliteSearchIndex.PathFor(MainPath)};Pooling=False"))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }

            await store.WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(2), TestData.SpanId(1), input: "chiller")), CancellationToken.None).WaitAsync(Timeout);
            var stale = await Search(store, "chiller");
            Assert.Empty(stale.Items);
            Assert.True(stale.SearchIncomplete, "a search that could not see what was committed before it says so");
            var status = await Until(() => store.SearchIndexStatus is { Failures: > 0 } s ? s : null);
            Assert.True(status.Pending >= 1, $"pending {status.Pending}");
            Assert.False(status.Rebuilding);
            Assert.Contains("locked", status.LastError, StringComparison.OrdinalIgnoreCase);
        }

        // Lock released: the next pass applies what was waiting, nothing skipped.
        var after = await Search(store, "chiller");
        Assert.Equal(TestData.TraceId(2), Assert.Single(after.Items).TraceId);
        Assert.False(after.SearchIncomplete);
        Assert.Single((await Search(store, "boiler")).Items);
        Assert.Equal(0, store.SearchIndexStatus!.Pending);
    }

    [Fact]
    public async Task IndexWriter_DoesNotTakeTheMainFilesWriteLock()
    {
        // The index's connection reads the main file attached to it. An IMMEDIATE transaction there takes the write lock
        // of every attached file, so each pass held the span writer (and kept the main file's WAL from restarting).
        await using var store = await OpenAsync(new StorageOptions { Path = MainPath, BusyTimeout = TimeSpan.FromSeconds(1) }, TimeProvider.System);
        await store.WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(1), TestData.SpanId(1), input: "boiler")), CancellationToken.None).WaitAsync(Timeout);
        Assert.Single((await Search(store, "boiler")).Items);

        await store.WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(2), TestData.SpanId(1), input: "chiller")), CancellationToken.None).WaitAsync(Timeout);
        using var blocker = new SqliteConnection($"Data Source={MainPath};Pooling=False");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        // Another connection holds the main file's write lock: the index still applies what was committed before.
        var found = await Search(store, "chiller");
        Assert.Equal(TestData.TraceId(2), Assert.Single(found.Items).TraceId);
        Assert.False(found.SearchIncomplete);
        Assert.Equal(0, store.SearchIndexStatus!.Failures);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value (at most <see cref="Timeout"/>).</summary>
    private static async Task<T> Until<T>(Func<T?> probe)
        where T : class
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    private static string Marker(int n) => "marker" + n.ToString(CultureInfo.InvariantCulture);

    private static Task<TracePage> Search(SqliteTelemetryStore store, string text) =>
        store.QueryTracesAsync(new TraceQuery { Text = text, Limit = 50 }, CancellationToken.None).WaitAsync(Timeout);

    private Task<SqliteTelemetryStore> OpenAsync() => OpenAsync(new StorageOptions { Path = MainPath }, TimeProvider.System);

    private static async Task<SqliteTelemetryStore> OpenAsync(StorageOptions options, TimeProvider time)
    {
        var store = new SqliteTelemetryStore(options, time);
        await store.InitializeAsync(CancellationToken.None).WaitAsync(Timeout);
        return store;
    }

    private static long ScalarInt(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void DeleteWithWal(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
