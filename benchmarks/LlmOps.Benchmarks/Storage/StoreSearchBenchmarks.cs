using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using LlmOps.Processors.Model;
using LlmOps.Storage;
using LlmOps.Storage.Queries;
using LlmOps.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmOps.Benchmarks.Storage;

/// <summary>
/// Typical trace searches on a SQLite store of 1,000,000 spans (250,000 traces over 30 days, 200 users, 10,000
/// sessions). The database is built once and cached in the temp directory (<c>llmops-bench/search-1m.db</c>); delete it
/// to rebuild. The baseline is a lookup of one trace by id.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class StoreSearchBenchmarks
{
    public const int DefaultSpans = 1_000_000;

    /// <summary>1,000,000 unless <c>LLMOPS_BENCH_SEARCH_SPANS</c> asks for another size (e.g. a small one for the CI dry run).</summary>
    public static int TotalSpans =>
        int.TryParse(Environment.GetEnvironmentVariable("LLMOPS_BENCH_SEARCH_SPANS"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 10_000 ? n : DefaultSpans;

    private SqliteTelemetryStore? _store;
    private TraceCursor? _page2;
    private string _someTraceId = string.Empty;

    public static string CachedPath => Path.Combine(
        Path.GetTempPath(),
        "llmops-bench",
        TotalSpans == DefaultSpans ? "search-1m.db" : $"search-{TotalSpans.ToString(System.Globalization.CultureInfo.InvariantCulture)}.db");

    [GlobalSetup]
    public void Setup()
    {
        var path = CachedPath;
        var ready = path + ".ready";
        if (!File.Exists(ready))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }

            Populate(path);
            File.WriteAllText(ready, TotalSpans.ToString(System.Globalization.CultureInfo.InvariantCulture) + " spans");
        }

        _store = new SqliteTelemetryStore(new StorageOptions { Path = path }, TimeProvider.System);
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        // The full-text index has its own writer: measure searches over a complete index (a file written by an
        // earlier schema is indexed here, once).
        if (!_store.WaitForSearchIndexAsync(TimeSpan.FromMinutes(30), CancellationToken.None).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("the full-text index did not catch up within 30 minutes");
        }

        var first = _store.QueryTracesAsync(new TraceQuery(), CancellationToken.None).GetAwaiter().GetResult();
        _page2 = first.Next;
        _someTraceId = first.Items[^1].TraceId;
    }

    private static void Populate(string path)
    {
        var store = new SqliteTelemetryStore(new StorageOptions { Path = path, Synchronous = "normal" }, TimeProvider.System);
        store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        var factory = new GenAiSpanFactory(1);
        const int tracesPerBatch = 2_500;
        for (var written = 0; written < TotalSpans; written += tracesPerBatch * GenAiSpanFactory.SpansPerTrace)
        {
            var batch = new TelemetryBatch();
            factory.AddTraces(batch, tracesPerBatch, users: 200, sessionsPerUser: 50);
            store.WriteAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
        }

        store.WaitForSearchIndexAsync(TimeSpan.FromMinutes(30), CancellationToken.None).GetAwaiter().GetResult();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var c = new SqliteConnection("Data Source=" + path);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA optimize = 0x10002; PRAGMA wal_checkpoint(TRUNCATE);";
        cmd.ExecuteNonQuery();
    }

    private static long DayNs(int day) => GenAiSpanFactory.BaseNs + (day * 24L * 3600 * 1_000_000_000);

    [Benchmark(Baseline = true)]
    public int TraceById() => _store!.GetTraceAsync(_someTraceId, CancellationToken.None).GetAwaiter().GetResult()!.Spans.Count;

    [Benchmark]
    public int ModelAndTime() => Query(new TraceQuery { Model = "claude-sonnet-4", FromUnixNano = DayNs(20), ToUnixNano = DayNs(21) });

    [Benchmark]
    public int ByUser() => Query(new TraceQuery { UserId = "user-0042" });

    [Benchmark]
    public int FreeText() => Query(new TraceQuery { Text = "hydraulic pump" });

    [Benchmark]
    public int FreeTextAndUser() => Query(new TraceQuery { Text = "gearbox", UserId = "user-0007" });

    [Benchmark]
    public int LatencyRange() => Query(new TraceQuery { MinDurationMs = 2500, MaxDurationMs = 3000 });

    [Benchmark]
    public int SlowestInOneDay() => Query(new TraceQuery { Sort = TraceSort.Duration, FromUnixNano = DayNs(3), ToUnixNano = DayNs(4) });

    [Benchmark]
    public int Page2() => Query(new TraceQuery { After = _page2 });

    [Benchmark]
    public int Session() => _store!.GetSessionAsync("session-0042-007", 200, CancellationToken.None).GetAwaiter().GetResult()?.Traces.Count ?? -1;

    private int Query(TraceQuery q) => _store!.QueryTracesAsync(q, CancellationToken.None).GetAwaiter().GetResult().Items.Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
    }

    private sealed class P95Config : ManualConfig
    {
        public P95Config() => AddColumn(StatisticColumn.P95);
    }
}
