using System.Globalization;
using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Ingest;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using LlmOps.Storage;
using LlmOps.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace LlmOps.Collector.Tests.Ingest;

/// <summary>
/// The PostgreSQL store writes a large batch in parallel parts (<c>storage.writers</c>); when one part fails, the parts
/// that committed are stored although the pass fails. Their spans must still reach the exporters after the store
/// (scoring, metrics) once: the retry finds them stored and passes them over. Needs <c>LLMOPS_TEST_POSTGRES</c>.
/// </summary>
public sealed class PostgresPartsOptionalExportTests
{
    private const int Traces = 300;

    [PostgresFact]
    public async Task PartFails_ClientRetries_EverySpanReachesTheOptionalExporterOnce()
    {
        await using var db = await Database.CreateAsync("P0001");
        var optional = new RecordingExporter { IsDurable = false };
        await using var pipeline = await StartAsync(db, optional);

        // A span of trace 0 fails its part (not a refusal: the client is told to retry); the other part commits.
        var outcome = await pipeline.SubmitAsync(Batch("fails"), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(IngestStatus.Failed, outcome.Status);
        var committed = await db.CountSpansAsync();
        Assert.InRange(committed, 1, (2 * Traces) - 1);

        // The client retries once the cause is gone: everything is stored, and each span was handed on once.
        await db.ExecuteAsync("DROP TRIGGER fail_for_test ON spans");
        outcome = await pipeline.SubmitAsync(Batch("fails"), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        Assert.Equal(2 * Traces, await db.CountSpansAsync());
        AssertEachOnce(optional, 2 * Traces);

        // A retry of spans already handed on is not handed on again.
        outcome = await pipeline.SubmitAsync(Batch("fails"), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        AssertEachOnce(optional, 2 * Traces);
    }

    [PostgresFact]
    public async Task PartRefused_BatchIsolated_EveryStoredSpanReachesTheOptionalExporterOnce()
    {
        // 22023 is a data exception: the store refuses the span, and the pass is stored in parts around it.
        await using var db = await Database.CreateAsync("22023");
        var optional = new RecordingExporter { IsDurable = false };
        await using var pipeline = await StartAsync(db, optional);

        var outcome = await pipeline.SubmitAsync(Batch("fails"), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        Assert.Equal(1, outcome.Rejected);
        Assert.Equal((2 * Traces) - 1, await db.CountSpansAsync());
        AssertEachOnce(optional, (2 * Traces) - 1);
        Assert.DoesNotContain(optional.Spans, s => s.Name == "fails");
    }

    private static void AssertEachOnce(RecordingExporter optional, int expected)
    {
        var keys = optional.Spans.GroupBy(s => (s.TraceId, s.SpanId)).ToList();
        Assert.Equal(expected, keys.Count);
        Assert.All(keys, k => Assert.Single(k));
    }

    private static async Task<IngestPipeline> StartAsync(Database db, RecordingExporter optional)
    {
        var store = new PostgresTelemetryStore(new StorageOptions { Driver = StorageOptions.PostgresDriver, ConnectionString = db.ConnectionString, Writers = 2 }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        await db.InstallTriggerAsync();
        var graph = new PipelineGraph(
            [],
            [],
            [],
            [
                new ExporterRoute(new TelemetryStoreExporter(store, ownsStore: true), Traces: true, Metrics: false, Logs: true),
                new ExporterRoute(optional, Traces: true, Metrics: false, Logs: true),
            ],
            NullLogger.Instance);
        var options = new CollectorOptions();
        var metrics = new CollectorMetrics();
        var runner = new ConfiguredPipelineRunner(graph, metrics, options, TimeProvider.System, NullLogger<ConfiguredPipelineRunner>.Instance);
        var pipeline = new IngestPipeline(options, runner, metrics, TimeProvider.System, NullLogger<IngestPipeline>.Instance);
        await pipeline.StartAsync(CancellationToken.None);
        return pipeline;
    }

    /// <summary>Two spans in each of <see cref="Traces"/> traces (enough for two parts); trace 0's second span is named <paramref name="failing"/>.</summary>
    private static TelemetryBatch Batch(string failing)
    {
        var batch = new TelemetryBatch();
        const long start = 1_700_000_000_000_000_000;
        for (var t = 0; t < Traces; t++)
        {
            for (var s = 1; s <= 2; s++)
            {
                batch.Spans.Add(new SpanRecord
                {
                    TraceId = t.ToString("x32", CultureInfo.InvariantCulture),
                    SpanId = s.ToString("x16", CultureInfo.InvariantCulture),
                    ParentSpanId = s == 1 ? null : 1.ToString("x16", CultureInfo.InvariantCulture),
                    Name = t == 0 && s == 2 ? failing : "chat",
                    StartTimeUnixNano = start,
                    EndTimeUnixNano = start + 1_000_000,
                });
            }
        }

        return batch;
    }

    private sealed class Database : IAsyncDisposable
    {
        private readonly string _admin;
        private readonly string _name;
        private readonly string _errorCode;

        private Database(string admin, string name, string errorCode)
        {
            _admin = admin;
            _name = name;
            _errorCode = errorCode;
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }

        public string ConnectionString { get; }

        /// <summary>A new database whose trigger (see <see cref="InstallTriggerAsync"/>) fails with <paramref name="errorCode"/>.</summary>
        public static async Task<Database> CreateAsync(string errorCode)
        {
            var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.EnvironmentVariable)!;
            var db = new Database(admin, "llmops_parts_" + Guid.NewGuid().ToString("N")[..12], errorCode);
            await ExecuteOnAsync(admin, $"CREATE DATABASE {db._name}");
            return db;
        }

        /// <summary>Inserting a span named "fails" raises an error with the database's error code.</summary>
        public Task InstallTriggerAsync() => ExecuteAsync(
            "CREATE FUNCTION fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            + $"IF NEW.name = 'fails' THEN RAISE EXCEPTION 'failed for the test' USING ERRCODE = '{_errorCode}'; END IF; RETURN NEW; END $$; "
            + "CREATE TRIGGER fail_for_test BEFORE INSERT ON spans FOR EACH ROW EXECUTE FUNCTION fail_for_test()");

        public Task ExecuteAsync(string sql) => ExecuteOnAsync(ConnectionString, sql);

        public async Task<long> CountSpansAsync()
        {
            await using var c = new NpgsqlConnection(ConnectionString);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM spans", c);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnAsync(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }

        private static async Task ExecuteOnAsync(string connectionString, string sql)
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, c);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
