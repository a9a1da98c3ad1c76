using LlmOps.Management.Data;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Management.Tests.Unit;

/// <summary>
/// Management writes on SQLite lock the main file only; an attached file (the collector's scores file) is locked only
/// when the transaction writes to it. Before, a write waited for the attached file while holding the main one, so the
/// collector's span writer stalled behind a low-priority score writer.
/// </summary>
public sealed class SqliteWriteLockTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-mgmt-lock-");

    [Fact]
    public async Task WriteToMain_DoesNotWaitForABusyAttachedFile_AndLocksMainUpFront()
    {
        var main = Path.Combine(_dir.FullName, "main.db");
        var scores = Path.Combine(_dir.FullName, "scores.db");
        await using (var setup = new SqliteConnection($"Data Source={scores}"))
        {
            await setup.OpenAsync();
            await Exec(setup, "PRAGMA journal_mode = WAL; CREATE TABLE s (x INTEGER);");
        }

        await using var db = new SqliteManagementDatabase(main, new Dictionary<string, string> { ["sc"] = scores });
        await db.EnableWalAsync(CancellationToken.None);
        await db.WriteAsync(s => Exec((SqliteConnection)s.Connection, "CREATE TABLE t (x INTEGER)", s.Transaction), CancellationToken.None);

        // Another connection holds the attached file's write lock, as the collector's score writer does.
        await using var scoreWriter = new SqliteConnection($"Data Source={scores};Pooling=False");
        await scoreWriter.OpenAsync();
        await Exec(scoreWriter, "BEGIN IMMEDIATE; INSERT INTO s VALUES (1);");

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var write = db.WriteAsync(s => Exec((SqliteConnection)s.Connection, "INSERT INTO t VALUES (42)", s.Transaction), bound.Token);
        var finished = await Task.WhenAny(write, Task.Delay(Timeout.Infinite, bound.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        Assert.True(finished == write, "a write to the main file waited for the attached file's lock");
        await write;
        await Exec(scoreWriter, "COMMIT");

        // While a management write is open, the main file is locked for other writers (what BEGIN IMMEDIATE gave).
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holding = db.WriteAsync(
            async s =>
            {
                entered.SetResult();
                await release.Task;
            },
            CancellationToken.None);
        await entered.Task;
        // Default Timeout: how long Microsoft.Data.Sqlite retries a busy statement itself.
        await using (var other = new SqliteConnection($"Data Source={main};Pooling=False;Default Timeout=1"))
        {
            await other.OpenAsync();
            await Exec(other, "PRAGMA busy_timeout = 0");
            var locked = await Assert.ThrowsAsync<SqliteException>(() => Exec(other, "BEGIN IMMEDIATE"));
            Assert.Equal(5, locked.SqliteErrorCode);
        }

        release.SetResult();
        await holding;

        // Management writes complete while another connection commits to the main file all the time, as the span
        // writer does (each waits for the lock; none fails on a snapshot made stale by the other's commits).
        using var stop = new CancellationTokenSource();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var spans = Task.Run(async () =>
        {
            await using var writer = new SqliteConnection($"Data Source={main};Pooling=False");
            await writer.OpenAsync();
            await Exec(writer, "PRAGMA busy_timeout = 30000");
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await Exec(writer, "INSERT INTO t VALUES (" + (1_000_000 + ++n).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
                writing.TrySetResult();
                // Commits with short gaps between them, like the span writer's batches (a loop without any gap would
                // starve every other writer of SQLite's lock, whose waiters poll).
                await Task.Delay(2);
            }

            return n;
        });
        await writing.Task.WaitAsync(bound.Token);
        for (var i = 0; i < 20; i++)
        {
            await db.WriteAsync(
                async s =>
                {
                    await Exec((SqliteConnection)s.Connection, "SELECT count(*) FROM t", s.Transaction);
                    await Exec((SqliteConnection)s.Connection, "INSERT INTO t VALUES (-1)", s.Transaction);
                },
                bound.Token);
        }

        await stop.CancelAsync();
        var committed = await spans;
        Assert.True(committed > 0, "the concurrent writer committed nothing");

        await using var check = new SqliteConnection($"Data Source={main};Pooling=False");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t WHERE x = 42";
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        count.CommandText = "SELECT count(*) FROM t WHERE x = -1";
        Assert.Equal(20L, await count.ExecuteScalarAsync());
    }

    private static async Task Exec(SqliteConnection connection, string sql, System.Data.Common.DbTransaction? transaction = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = (SqliteTransaction?)transaction;
        await cmd.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
