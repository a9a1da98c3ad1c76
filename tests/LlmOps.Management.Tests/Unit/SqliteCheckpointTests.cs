using LlmOps.Management.Data;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LlmOps.Management.Tests.Unit;

/// <summary>
/// On the telemetry store's file, whose WAL the store checkpoints on its own schedule, a management commit never runs
/// a checkpoint; on a file of its own it keeps SQLite's automatic one (else nothing would ever copy the WAL back).
/// </summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-mgmt-ckpt-");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Commit_WithTheWalOver1000Pages_CheckpointsOnlyWhenTheStoreDoesNot(bool checkpointedByStore)
    {
        var main = Path.Combine(_dir.FullName, "main.db");

        // A writer that leaves checkpoints to someone else (as the store's span writer does) puts ~2,000 pages in the
        // WAL, and stays open so that closing does not checkpoint either.
        await using var writer = new SqliteConnection($"Data Source={main};Pooling=False");
        await writer.OpenAsync();
        await Run(writer, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE big (x BLOB);");
        await Run(writer, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO big SELECT randomblob(3000) FROM n;");
        var before = new FileInfo(main).Length;

        await using var db = new SqliteManagementDatabase(main, checkpointedByStore: checkpointedByStore);
        await db.WriteAsync(s => Run((SqliteConnection)s.Connection, "CREATE TABLE t (x INTEGER)", (SqliteTransaction?)s.Transaction), CancellationToken.None);
        var after = new FileInfo(main).Length;

        if (checkpointedByStore)
        {
            Assert.Equal(before, after);
        }
        else
        {
            // The commit copied the WAL's pages (~6 MB of blobs) into the database file.
            Assert.True(after > before + 4_000_000, $"database file {before} -> {after} bytes: no checkpoint ran");
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private static Task<int> Run(SqliteConnection connection, string sql, SqliteTransaction? transaction = null) =>
        new SqliteCommand(sql, connection, transaction).ExecuteNonQueryAsync();
}
