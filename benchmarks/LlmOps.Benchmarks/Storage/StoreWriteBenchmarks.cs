using BenchmarkDotNet.Attributes;
using LlmOps.Processors.Model;
using LlmOps.Storage;
using LlmOps.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmOps.Benchmarks.Storage;

/// <summary>
/// SQLite ingest: one <see cref="SqliteTelemetryStore.WriteAsync"/> of a batch of new GenAI spans (spans, resources,
/// trace and session rollups, FTS index, synchronous=FULL) against the baseline of a raw prepared INSERT of the same
/// rows (trace id, span id, name, times, attributes JSON) into a minimal table, one transaction, same file system.
/// </summary>
[MemoryDiagnoser]
public class StoreWriteBenchmarks
{
    private readonly GenAiSpanFactory _factory = new(7);
    private string _dir = string.Empty;
    private SqliteTelemetryStore? _store;
    private SqliteConnection? _raw;
    private SqliteCommand? _rawInsert;
    private TelemetryBatch _batch = new();

    [Params(1_000, 10_000)]
    public int Spans { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("llmops-bench-write-").FullName;
        _store = new SqliteTelemetryStore(new StorageOptions { Path = Path.Combine(_dir, "store.db") }, TimeProvider.System);
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();

        _raw = new SqliteConnection("Data Source=" + Path.Combine(_dir, "raw.db"));
        _raw.Open();
        using (var c = _raw.CreateCommand())
        {
            c.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE spans (trace_id TEXT, span_id TEXT, name TEXT, start_ns INTEGER, end_ns INTEGER, attributes TEXT)";
            c.ExecuteNonQuery();
        }

        _rawInsert = _raw.CreateCommand();
        _rawInsert.CommandText = "INSERT INTO spans VALUES ($t, $s, $n, $a, $b, $j)";
        foreach (var p in new[] { "$t", "$s", "$n", "$a", "$b", "$j" })
        {
            _rawInsert.Parameters.Add(new SqliteParameter(p, null));
        }
    }

    /// <summary>Fresh trace ids every iteration: the store is idempotent, so re-writing a batch would measure duplicates.</summary>
    [IterationSetup]
    public void NewBatch()
    {
        _batch = new TelemetryBatch();
        _factory.AddTraces(_batch, Spans / GenAiSpanFactory.SpansPerTrace, live: true);
    }

    [Benchmark(Baseline = true)]
    public void RawInsert()
    {
        using var tx = _raw!.BeginTransaction();
        _rawInsert!.Transaction = tx;
        var p = _rawInsert.Parameters;
        foreach (var s in _batch.Spans)
        {
            p[0].Value = s.TraceId;
            p[1].Value = s.SpanId;
            p[2].Value = s.Name;
            p[3].Value = s.StartTimeUnixNano;
            p[4].Value = s.EndTimeUnixNano;
            p[5].Value = AttrJson.ToTypedJson(s.Attributes);
            _rawInsert.ExecuteNonQuery();
        }

        tx.Commit();
    }

    [Benchmark]
    public void StoreWrite() => _store!.WriteAsync(_batch, CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _rawInsert?.Dispose();
        _raw?.Dispose();
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
