using System.Diagnostics;
using System.Globalization;
using LlmOps.Processors.Model;
using LlmOps.Storage.Sqlite;
using LlmOps.Storage.Tests.Support;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

public sealed class SqliteWalCheckpointTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-wal-");

    [Fact]
    public async Task Writes_ReachTheDatabaseFileThroughTheBackgroundCheckpointer()
    {
        var path = Path.Combine(_dir.FullName, "wal.db");
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var initial = new FileInfo(path).Length;
        await WriteBatchesAsync(store, 0, 20);

        // The writer connection never checkpoints (wal_autocheckpoint = 0): without the checkpointer every page would
        // stay in the WAL and the database file would keep its initial size.
        var deadline = Stopwatch.StartNew();
        while ((new FileInfo(path).Length < initial + 2_000_000 || store.WalCheckpoints == 0 || (OperatingSystem.IsLinux() && store.WalWriteBacks == 0))
            && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.True(new FileInfo(path).Length >= initial + 2_000_000, $"database file {new FileInfo(path).Length} bytes (initially {initial})");
        Assert.True(store.WalCheckpoints > 0);
        if (OperatingSystem.IsLinux())
        {
            // After each checkpoint the copied pages are handed to the disk at once (sync_file_range), instead of
            // waiting dirty for one large fsync that would stall the commits behind it.
            Assert.True(store.WalWriteBacks > 0, "no write-back of the database file was started after a checkpoint");
        }

        Assert.Equal(2_000, await store.CountSpansAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Wal_StaysNearItsLimit_UnderContinuousWrites()
    {
        // Under continuous commits the background PASSIVE checkpoints never catch up with the whole WAL, and SQLite
        // starts the WAL again from its beginning only after one has: the WAL grew by gigabytes under load. Past
        // wal_limit_mb the writer finishes the checkpoint itself after a commit.
        var path = Path.Combine(_dir.FullName, "bounded.db");
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path, WalLimitMb = 1 }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);

        const int Batches = 300;
        await WriteBatchesAsync(store, 0, Batches);

        var database = new FileInfo(path).Length;
        var wal = new FileInfo(path + "-wal").Length;
        Assert.True(store.WalCatchUps + store.WalWaits > 0, $"the writer never caught up with the WAL ({store.WalCheckpoints} background checkpoints, WAL {wal} bytes)");

        // 30,000 spans of ~2.5 KB each: unbounded, the WAL file grew to ~430 MB here (216 MB after half as many). With
        // only the catch-up after a background checkpoint it stayed near 30–70 MB, but reached 230–300 MB when slow
        // background checkpoints (a busy disk) let it grow meanwhile. Past twice the limit the writer now waits for a
        // full checkpoint, so the file stays within twice the limit plus one commit (~0.4 MB here).
        Assert.True(wal < 4L * 1024 * 1024, $"WAL file {wal} bytes after writing a {database}-byte database with a 1 MiB limit");
        Assert.Equal(Batches * 100, await store.CountSpansAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Wal_HeldByAReader_ShrinksBackOnceTheReaderLeaves_AndTheWaitIsCounted()
    {
        // A reader's snapshot keeps every later frame in the WAL: no checkpoint may copy past it and SQLite cannot start
        // the WAL again. Past twice the limit the writer waits (at most 250 ms a commit) for a full checkpoint that
        // cannot complete; ingest slows but nothing fails. Once the reader is gone the next commit restarts the WAL.
        var path = Path.Combine(_dir.FullName, "held.db");
        await using var store = new SqliteTelemetryStore(new StorageOptions { Path = path, WalLimitMb = 1 }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        await WriteBatchesAsync(store, 0, 1);

        using (var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            reader.Open();
            using var begin = reader.CreateCommand();
            begin.CommandText = "BEGIN; SELECT count(*) FROM spans;";
            Assert.Equal(100L, Convert.ToInt64(begin.ExecuteScalar(), CultureInfo.InvariantCulture));

            await WriteBatchesAsync(store, 1, 16);
            var held = new FileInfo(path + "-wal").Length;
            Assert.True(held > 2L * 1024 * 1024, $"WAL file {held} bytes while a reader held its snapshot");
            Assert.Equal(0, store.WalWaits);

            using var end = reader.CreateCommand();
            end.CommandText = "COMMIT";
            end.ExecuteNonQuery();
        }

        await WriteBatchesAsync(store, 17, 2);
        Assert.True(store.WalWaits >= 1, $"no full checkpoint completed ({store.WalWaits})");
        var after = new FileInfo(path + "-wal").Length;
        Assert.True(after < 2L * 1024 * 1024, $"WAL file {after} bytes after the reader left");
        Assert.Equal(1_900, await store.CountSpansAsync(CancellationToken.None));
    }

    private static async Task WriteBatchesAsync(SqliteTelemetryStore store, int first, int count)
    {
        var answer = string.Concat(Enumerable.Repeat("Open the maintenance menu and run the calibration wizard. ", 40));
        for (var b = first; b < first + count; b++)
        {
            var batch = new TelemetryBatch();
            for (var i = 0; i < 100; i++)
            {
                var n = (b * 100) + i;
                batch.Spans.Add(TestData.Chat(TestData.TraceId(n + 1), TestData.SpanId(n + 1), output: answer + n.ToString(CultureInfo.InvariantCulture)));
            }

            Assert.Equal(100, (await store.WriteAsync(batch, CancellationToken.None)).SpansInserted);
        }
    }

    [Fact]
    public void WalLimit_OutOfRange_IsAConfigError()
    {
        var errors = StorageOptionsValidator.Validate(new StorageOptions { WalLimitMb = 0 }, "exporters.storage");
        Assert.Contains(errors, e => e.StartsWith("exporters.storage.wal_limit_mb:", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
