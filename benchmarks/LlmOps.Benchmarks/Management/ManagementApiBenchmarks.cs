using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using LlmOps.Benchmarks.Storage;
using LlmOps.Collector.Api;
using LlmOps.Management;
using LlmOps.Management.Annotations;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Management.Evaluators;
using LlmOps.Processors.Model;
using LlmOps.Storage;
using LlmOps.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Benchmarks.Management;

/// <summary>
/// List and filter endpoints of the management API and the trace list of the query API over real HTTP (Kestrel on
/// 127.0.0.1, both APIs on one app as in the collector) against one SQLite file holding 100,000 traces (400,000 spans,
/// written through <see cref="ITelemetryStore.WriteAsync"/>), 10,000 annotation queue items, 100,000 audit entries and
/// 100,000 evaluation log rows. One request per iteration, so the P95 column is the p95 of single requests. Baseline:
/// an endpoint that touches no database. The CI dry run (<c>LLMOPS_BENCH_DRY=1</c>) builds a small database instead.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class ManagementApiBenchmarks
{
    private const int QueueItems = 10_000;
    private const int AuditEntries = 100_000;
    private const int EvaluationLogs = 100_000;
    private const int TracesPerBatch = 2_500;

    /// <summary>100,000 traces; a small set for the CI dry run.</summary>
    private static readonly int Traces = BenchmarkMode.IsDry ? 5_000 : 100_000;

    private WebApplication? _app;
    private ITelemetryStore? _store;
    private HttpClient? _client;
    private long _queueId;
    private long _midAuditId;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _app?.StopAsync().GetAwaiter().GetResult();
        (_app as IAsyncDisposable)?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<int> EvaluatorTemplates_NoDatabase() => GetAsync("/api/v1/evaluator-templates");

    [Benchmark]
    public Task<int> Audit_Latest50() => GetAsync("/api/v1/audit");

    [Benchmark]
    public Task<int> Audit_FilterTypeAction() => GetAsync("/api/v1/audit?type=dataset&action=update");

    [Benchmark]
    public Task<int> Audit_PageDeep() => GetAsync($"/api/v1/audit?beforeId={_midAuditId}");

    [Benchmark]
    public Task<int> Audit_FullTextSearch() => GetAsync("/api/v1/audit?q=needle-4242");

    [Benchmark]
    public Task<int> Queues_ListWithProgress() => GetAsync("/api/v1/annotation-queues");

    [Benchmark]
    public Task<int> QueueItems_Pending50() => GetAsync($"/api/v1/annotation-queues/{_queueId}/items?status=pending");

    [Benchmark]
    public Task<int> QueueItems_PageDeep() => GetAsync($"/api/v1/annotation-queues/{_queueId}/items?afterId={QueueItems - 100}");

    [Benchmark]
    public Task<int> EvaluationLogs_ByEvaluatorStatus() => GetAsync("/api/v1/evaluation-logs?evaluator=hallucination&status=error");

    [Benchmark]
    public Task<int> EvaluationLogs_ByTrace() => GetAsync("/api/v1/evaluation-logs?traceId=trace-77777");

    [Benchmark]
    public Task<int> Prompts_List() => GetAsync("/api/v1/prompts");

    [Benchmark]
    public Task<int> Alerts_Active() => GetAsync("/api/v1/alerts");

    [Benchmark]
    public Task<int> Traces_Latest50() => GetAsync("/api/v1/traces");

    [Benchmark]
    public Task<int> Traces_ByModel() => GetAsync("/api/v1/traces?model=claude-sonnet-4");

    [Benchmark]
    public Task<int> Traces_ByUser() => GetAsync("/api/v1/traces?user=user-0042");

    [Benchmark]
    public Task<int> Traces_MinLatency() => GetAsync("/api/v1/traces?min_latency_ms=5000");

    [Benchmark]
    public Task<int> Traces_FullText() => GetAsync("/api/v1/traces?q=hydraulic%20pump");

    private async Task<int> GetAsync(string path)
    {
        using var response = await _client!.GetAsync(path).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
    }

    private async Task SetupAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "llmops-mgmt-bench");
        var path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"llmops-v2-{Traces}.db"));
        var seeded = File.Exists(path + ".seeded");

        // Created first: on a fresh machine the directory is missing, and deleting a file in a missing directory throws.
        Directory.CreateDirectory(dir);
        if (!seeded)
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }
        }
        _store = new SqliteTelemetryStore(new StorageOptions { Path = path, Synchronous = "normal" }, TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddLlmOpsManagement(new ManagementStoreOptions { SqlitePath = path, RunEvaluationWorker = false });
        builder.Services.AddSingleton<ITelemetryStore>(_store);
        _app = builder.Build();
        _app.MapQueryApi();
        _app.MapManagementApi();
        await _app.StartAsync().ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
        var db = _app.Services.GetRequiredService<ManagementDatabase>();
        if (!seeded)
        {
            await SeedTracesAsync(_store).ConfigureAwait(false);
            await SeedAsync(db).ConfigureAwait(false);
            await File.WriteAllTextAsync(path + ".seeded", "ok").ConfigureAwait(false);
        }

        _queueId = await db.ReadAsync(s => s.ScalarLongAsync("SELECT id FROM annotation_queues WHERE name = 'High-Risk Responses'", CancellationToken.None), CancellationToken.None).ConfigureAwait(false) ?? 0;
        _midAuditId = (await db.ReadAsync(s => s.ScalarLongAsync("SELECT seq FROM mgmt_audit_head", CancellationToken.None), CancellationToken.None).ConfigureAwait(false) ?? 0) / 2;
    }

    /// <summary>100,000 traces of 4 spans over 30 days (200 users, 5 models, message content captured) through the store's write API.</summary>
    private static async Task SeedTracesAsync(ITelemetryStore store)
    {
        var factory = new GenAiSpanFactory(7);
        for (var written = 0; written < Traces; written += TracesPerBatch)
        {
            var batch = new TelemetryBatch();
            factory.AddTraces(batch, Math.Min(TracesPerBatch, Traces - written), users: 200, sessionsPerUser: 50);
            await store.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task SeedAsync(ManagementDatabase db)
    {
        var services = _app!.Services;
        var sink = services.GetRequiredService<IAnnotationQueueSink>();
        var now = TimeProvider.System.GetUtcNow();
        for (var b = 0; b < QueueItems; b += 1000)
        {
            var batch = Enumerable.Range(b, 1000).Select(i => new FlaggedSpan($"trace-{i}", $"span-{i}", "High-Risk Responses", "safety", "unsafe advice", "high", now, $"question {i}", $"answer {i}")).ToList();
            await sink.EnqueueFlaggedAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }

        var audit = services.GetRequiredService<SqlAuditLog>();
        string[] types = ["prompt", "dataset", "annotation_queue", "evaluator", "settings"];
        string[] actions = ["create", "update", "delete", "submit"];
        for (var b = 0; b < AuditEntries; b += 10_000)
        {
            var entries = Enumerable.Range(b, 10_000)
                .Select(i => (types[i % types.Length], actions[i % actions.Length], $"user-{i % 17}", $"{{\"id\":{i},\"name\":\"needle-{i}\",\"note\":\"benchmark entry {i}\"}}"))
                .ToList();
            await db.WriteAsync(s => audit.AppendManyAsync(s, entries, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
        }

        var logs = services.GetRequiredService<IEvaluationLogSink>();
        string[] evaluators = ["hallucination", "context_relevance", "correctness", "conciseness", "toxicity"];
        string[] statuses = ["ok", "ok", "ok", "ok", "ok", "ok", "error", "timeout", "skipped", "rate_limited"];
        for (var b = 0; b < EvaluationLogs; b += 10_000)
        {
            var entries = Enumerable.Range(b, 10_000)
                .Select(i => new EvaluationLogEntry(0, now.AddMilliseconds(i), evaluators[i % evaluators.Length], $"trace-{i}", $"span-{i}", (i % 100) / 100.0, 20 + (i % 50), statuses[i % statuses.Length], null))
                .ToList();
            await logs.AppendAsync(entries, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            if (BenchmarkMode.IsDry)
            {
                AddColumn(StatisticColumn.Median, StatisticColumn.P95);
                return;
            }

            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(30)
                .WithIterationCount(300)
                .WithLaunchCount(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        }
    }
}
