using System.Net;
using System.Net.Sockets;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using LlmOps.Storage.Sqlite;
using LlmOps.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

/// <summary>
/// Which errors of the real engines count as the store refusing the data (retrying the same items cannot succeed) and
/// which as the store failing (a retry may succeed).
/// </summary>
public sealed class StoreRefusalsTests : IRequiresPostgres
{
    [Fact]
    public void Sqlite_ConstraintAndTooBig_AreRefusals_SyntaxAndBusyAreNot()
    {
        using var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        Execute(db, "CREATE TABLE t (x INTEGER CHECK (x > 0))");

        Assert.True(StoreRefusals.IsRefusal(Assert.Throws<SqliteException>(() => Execute(db, "INSERT INTO t VALUES (-1)"))));
        Assert.True(StoreRefusals.IsRefusal(Assert.Throws<SqliteException>(() => Execute(db, "SELECT zeroblob(2147483647)"))));
        Assert.False(StoreRefusals.IsRefusal(Assert.Throws<SqliteException>(() => Execute(db, "SELEC 1"))));
        Assert.False(StoreRefusals.IsRefusal(new SqliteException("database is locked", 5)));
        Assert.False(StoreRefusals.IsRefusal(new IOException("disk full")));
        Assert.False(StoreRefusals.IsRefusal(new OperationCanceledException()));
        Assert.True(StoreRefusals.IsRefusal(new ArgumentOutOfRangeException("value")));
    }

    [StoreFact]
    public async Task Postgres_DataExceptionsAndLimits_AreRefusals_ConnectionFailuresAreNot()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var db = new NpgsqlConnection(connectionString);
            await db.OpenAsync();
            Assert.True(StoreRefusals.IsRefusal(await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "SELECT 1 / 0"))));
            Assert.True(StoreRefusals.IsRefusal(await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "SELECT chr(0)"))));
            await ExecuteAsync(db, "CREATE TABLE t (k text NOT NULL)");
            await ExecuteAsync(db, "CREATE INDEX t_k ON t (k)");
            Assert.True(StoreRefusals.IsRefusal(await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "INSERT INTO t VALUES (NULL)"))));
            var tooLong = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "INSERT INTO t SELECT string_agg(md5(i::text), '') FROM generate_series(1, 300) i"));
            Assert.True(StoreRefusals.IsRefusal(tooLong));
            Assert.StartsWith("54000: index row", StoreRefusals.Describe(tooLong), StringComparison.Ordinal);

            Assert.False(StoreRefusals.IsRefusal(await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "SELEC 1"))));
            Assert.False(StoreRefusals.IsRefusal(await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "SET statement_timeout = 200; SELECT pg_sleep(5)"))));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }

        // Nothing listens on a port just released.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var closed = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Timeout=5");
        Assert.False(StoreRefusals.IsRefusal(await Assert.ThrowsAnyAsync<NpgsqlException>(() => closed.OpenAsync())));
    }

    [Fact]
    public async Task Exporter_SqliteRefusesASpan_RaisedAsTelemetryRefused_OtherBatchesStored()
    {
        var dir = Directory.CreateTempSubdirectory("llmops-refusal-");
        try
        {
            var path = Path.Combine(dir.FullName, "llmops.db");
            var store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
            await using var exporter = new TelemetryStoreExporter(store, ownsStore: true);
            await store.InitializeAsync(CancellationToken.None);
            using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                db.Open();
                Execute(db, "CREATE TRIGGER refuse_for_test BEFORE INSERT ON spans WHEN NEW.name = 'refused' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
            }

            var refusedSpan = TestData.Chat(TestData.TraceId(1), TestData.SpanId(2));
            refusedSpan.Name = "refused";
            var refused = await Assert.ThrowsAsync<TelemetryRefusedException>(() => exporter.ExportAsync(TestData.Batch(TestData.Chat(TestData.TraceId(1), TestData.SpanId(1)), refusedSpan), CancellationToken.None));
            Assert.Contains("refused for the test", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, await store.CountSpansAsync(CancellationToken.None));

            await exporter.ExportAsync(OneSpan(), CancellationToken.None);
            Assert.Equal(1, await store.CountSpansAsync(CancellationToken.None));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static TelemetryBatch OneSpan() => TestData.Batch(TestData.Chat(TestData.TraceId(1), TestData.SpanId(1)));

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        await cmd.ExecuteNonQueryAsync();
    }
}
