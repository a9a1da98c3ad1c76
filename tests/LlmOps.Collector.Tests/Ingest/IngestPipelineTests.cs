using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Ingest;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LlmOps.Collector.Tests.Ingest;

public sealed class IngestPipelineTests
{
    [Fact]
    public async Task SubmitAsync_ConcurrentRequests_GroupCommittedInFewPasses()
    {
        var exporter = new RecordingExporter(blocked: true);
        await using var pipeline = Create(exporter, new CollectorOptions { QueueCapacityItems = 10_000 });
        await pipeline.StartAsync(CancellationToken.None);

        var first = pipeline.SubmitAsync(Batch(1), CancellationToken.None).AsTask();
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));
        var rest = Enumerable.Range(0, 50).Select(_ => pipeline.SubmitAsync(Batch(2), CancellationToken.None).AsTask()).ToList();
        Assert.DoesNotContain(rest, t => t.IsCompleted);
        exporter.Release();

        var outcomes = await Task.WhenAll(rest.Append(first)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Accepted, o.Status));
        Assert.Equal(101, exporter.Spans.Count);
        Assert.Equal(2, exporter.Exports);
        await pipeline.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SubmitAsync_QueueFull_OverloadedWithRetryDelay()
    {
        var exporter = new RecordingExporter(blocked: true);
        await using var pipeline = Create(exporter, new CollectorOptions { QueueCapacityItems = 5, RetryAfter = TimeSpan.FromSeconds(2) });
        await pipeline.StartAsync(CancellationToken.None);

        var held = pipeline.SubmitAsync(Batch(5), CancellationToken.None).AsTask();
        var refused = await pipeline.SubmitAsync(Batch(1), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(IngestStatus.Overloaded, refused.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.RetryAfter);
        exporter.Release();
        Assert.Equal(IngestStatus.Accepted, (await held.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(IngestStatus.Accepted, (await pipeline.SubmitAsync(Batch(1), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Status);
    }

    [Fact]
    public async Task SubmitAsync_RequestLargerThanBoundOnEmptyQueue_Accepted()
    {
        var exporter = new RecordingExporter();
        await using var pipeline = Create(exporter, new CollectorOptions { QueueCapacityItems = 5 });
        await pipeline.StartAsync(CancellationToken.None);

        var outcome = await pipeline.SubmitAsync(Batch(8), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        Assert.Equal(8, exporter.Spans.Count);
    }

    [Fact]
    public async Task SubmitAsync_DurableExporterFails_FailedAndNotAcknowledged()
    {
        var exporter = new RecordingExporter();
        exporter.FailNext(1);
        await using var pipeline = Create(exporter, new CollectorOptions());
        await pipeline.StartAsync(CancellationToken.None);

        var outcome = await pipeline.SubmitAsync(Batch(3), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IngestStatus.Failed, outcome.Status);
        Assert.True(outcome.RetryAfter > TimeSpan.Zero);
        Assert.True(pipeline.LastExportFailed);
        Assert.Empty(exporter.Spans);
    }

    [Fact]
    public async Task SubmitAsync_ProcessorThrows_BatchStillStored()
    {
        var exporter = new RecordingExporter();
        var options = new CollectorOptions();
        var metrics = new CollectorMetrics();
        var runner = new DefaultPipelineRunner([new ThrowingProcessor()], [exporter], metrics, options, TimeProvider.System, NullLogger<DefaultPipelineRunner>.Instance);
        await using var pipeline = new IngestPipeline(options, runner, metrics, TimeProvider.System, NullLogger<IngestPipeline>.Instance);
        await pipeline.StartAsync(CancellationToken.None);

        var outcome = await pipeline.SubmitAsync(Batch(2), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        Assert.Equal(2, exporter.Spans.Count);
    }

    [Fact]
    public async Task SubmitAsync_NonDurableExporterBlocked_AcknowledgedAfterDurableOnly()
    {
        var durable = new RecordingExporter();
        var forwarder = new RecordingExporter(blocked: true) { IsDurable = false };
        var options = new CollectorOptions();
        var metrics = new CollectorMetrics();
        var runner = new DefaultPipelineRunner([], [forwarder, durable], metrics, options, TimeProvider.System, NullLogger<DefaultPipelineRunner>.Instance);
        await using var pipeline = new IngestPipeline(options, runner, metrics, TimeProvider.System, NullLogger<IngestPipeline>.Instance);
        await pipeline.StartAsync(CancellationToken.None);

        var outcome = await pipeline.SubmitAsync(Batch(2), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        Assert.Equal(2, durable.Spans.Count);
        Assert.Empty(forwarder.Spans);
        forwarder.Release();
    }

    [Fact]
    public async Task SubmitAsync_ClientExportInFlight_ScoresWaitUntilItIsAnswered()
    {
        var exporter = new RecordingExporter(blocked: true);
        using var activity = new IngestActivity();
        await using var pipeline = Create(exporter, new CollectorOptions(), activity);
        await pipeline.StartAsync(CancellationToken.None);

        // A client export held in the store: it is in flight until answered.
        var client = pipeline.SubmitAsync(Batch(2), CancellationToken.None).AsTask();
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));
        Assert.Equal(1, activity.InFlight);

        // Scores submitted meanwhile wait for it, on the background worker, before their pass starts.
        var scores = pipeline.SubmitAsync(Results(10), CancellationToken.None).AsTask();
        Assert.True(await TestCollector.EventuallyAsync(() => activity.Waiting == 1));
        Assert.Equal(1, exporter.Entered);

        exporter.Release();
        Assert.Equal(IngestStatus.Accepted, (await client.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(IngestStatus.Accepted, (await scores.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(0, activity.InFlight);
        Assert.Equal(10, exporter.Logs.Count);
        Assert.Equal([(2, 0), (0, 10)], exporter.Passes);
    }

    [Fact]
    public async Task SubmitAsync_RefusedExport_DoesNotStayInFlight()
    {
        var exporter = new RecordingExporter(blocked: true);
        using var activity = new IngestActivity();
        await using var pipeline = Create(exporter, new CollectorOptions { QueueCapacityItems = 5 }, activity);
        await pipeline.StartAsync(CancellationToken.None);

        var held = pipeline.SubmitAsync(Batch(4), CancellationToken.None).AsTask();
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));
        var refused = await pipeline.SubmitAsync(Batch(4), CancellationToken.None);
        Assert.Equal(IngestStatus.Overloaded, refused.Status);
        Assert.Equal(1, activity.InFlight);

        exporter.Release();
        Assert.Equal(IngestStatus.Accepted, (await held.WaitAsync(TimeSpan.FromSeconds(10))).Status);

        // The pass leaves the in-flight count after it has answered its requests, on the worker's thread: the answer can
        // reach this test first (seen once in a full run), so wait for the count instead of reading it at once.
        Assert.True(await TestCollector.EventuallyAsync(() => activity.InFlight == 0), $"still {activity.InFlight} in flight");
    }

    [Fact]
    public async Task SubmitAsync_BackgroundPassHeld_ClientExportsStillStored()
    {
        var exporter = new RecordingExporter(blocked: true) { HoldBackgroundOnly = true };
        await using var pipeline = Create(exporter, new CollectorOptions { QueueCapacityItems = 100_000 });
        await pipeline.StartAsync(CancellationToken.None);

        // Evaluation results whose store write hangs: eight batches of half a slice each.
        const int half = IngestPipeline.BackgroundItemsPerPass / 2;
        var background = Enumerable.Range(0, 8).Select(_ => pipeline.SubmitAsync(Results(half), CancellationToken.None).AsTask()).ToList();
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered >= 1));

        // Client exports do not queue behind them.
        for (var i = 1; i <= 3; i++)
        {
            var outcome = await pipeline.SubmitAsync(Batch(i), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(IngestStatus.Accepted, outcome.Status);
        }

        Assert.Equal(6, exporter.Spans.Count);
        Assert.Empty(exporter.Logs);
        Assert.DoesNotContain(background, t => t.IsCompleted);

        exporter.Release();
        var outcomes = await Task.WhenAll(background).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Accepted, o.Status));
        Assert.Equal(8 * half, exporter.Logs.Count);
        var passes = exporter.Passes;
        Assert.All(passes.Where(p => p.Logs > 0), p => Assert.True(p.Logs <= IngestPipeline.BackgroundItemsPerPass, $"a background pass took {p.Logs} records"));
        Assert.DoesNotContain(passes, p => p.Logs > 0 && p.Spans > 0);
    }

    [Fact]
    public async Task SubmitAsync_Background_RunsOnItsLowPriorityThread()
    {
        var exporter = new RecordingExporter();
        await using var pipeline = Create(exporter, new CollectorOptions());
        await pipeline.StartAsync(CancellationToken.None);

        // Nice value (field 19 of /proc/self/task/<tid>/stat) of this thread, read before the await: a background
        // submission resumes its awaiter on the low-priority thread that completed it.
        var own = OperatingSystem.IsLinux() ? NiceOf(File.ReadAllText("/proc/thread-self/stat")) : 0;
        var outcome = await pipeline.SubmitAsync(Results(3), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        Assert.Equal(IngestPipeline.BackgroundThreadName, Assert.Single(exporter.BackgroundThreads));
        if (OperatingSystem.IsLinux())
        {
            // The nice value of every such thread, against the test thread's.
            // Threads of other tests come and go meanwhile: one listed may be gone when read.
            var nices = Directory.GetDirectories("/proc/self/task")
                .Where(t => ReadOrNull(Path.Combine(t, "comm"))?.Trim() == IngestPipeline.BackgroundThreadName)
                .Select(t => ReadOrNull(Path.Combine(t, "stat")))
                .OfType<string>()
                .Select(NiceOf)
                .ToList();
            Assert.NotEmpty(nices);
            Assert.All(nices, n => Assert.Equal(Math.Min(19, own + LowPriorityThread.Nice), n));
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int NiceOf(string stat) =>
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task SubmitAsync_BackgroundOverHalfTheBound_Refused_ClientsStillTaken()
    {
        var exporter = new RecordingExporter(blocked: true);
        await using var pipeline = Create(exporter, new CollectorOptions { QueueCapacityItems = 1_000 });
        await pipeline.StartAsync(CancellationToken.None);

        var held = pipeline.SubmitAsync(Batch(1), CancellationToken.None).AsTask();
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));
        var taken = pipeline.SubmitAsync(Results(400), CancellationToken.None).AsTask();
        var refused = await pipeline.SubmitAsync(Results(200), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(IngestStatus.Overloaded, refused.Status);

        var client = pipeline.SubmitAsync(Batch(500), CancellationToken.None).AsTask();
        exporter.Release();
        Assert.Equal(IngestStatus.Accepted, (await client.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(IngestStatus.Accepted, (await taken.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(IngestStatus.Accepted, (await held.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(400, exporter.Logs.Count);
    }

    private static TelemetryBatch Results(int records)
    {
        var batch = new TelemetryBatch { Background = true };
        for (var i = 0; i < records; i++)
        {
            batch.Logs.Add(new LogRecordModel { EventName = "gen_ai.evaluation.result", TraceId = Guid.NewGuid().ToString("N") });
        }

        return batch;
    }

    [Fact]
    public async Task SubmitAsync_StoreRefusesSpansOfAMergedPass_OnlyThoseRejected_RestStoredOnce()
    {
        var durable = new RecordingExporter(blocked: true) { Refuses = s => s.Name == "poison" };
        var optional = new RecordingExporter { IsDurable = false };
        var counting = new CountingProcessor();
        var options = new CollectorOptions { QueueCapacityItems = 10_000 };
        var metrics = new CollectorMetrics();
        var runner = new DefaultPipelineRunner([counting], [optional, durable], metrics, options, TimeProvider.System, NullLogger<DefaultPipelineRunner>.Instance);
        await using var pipeline = new IngestPipeline(options, runner, metrics, TimeProvider.System, NullLogger<IngestPipeline>.Instance);
        await pipeline.StartAsync(CancellationToken.None);

        // The first request holds the store, so the next three are merged into one pass; two of them hold spans the
        // store refuses (one, and two).
        var first = pipeline.SubmitAsync(Batch(1), CancellationToken.None).AsTask();
        Assert.True(await TestCollector.EventuallyAsync(() => durable.Entered == 1));
        var a = Batch(10);
        a.Spans[7].Name = "poison";
        var b = Batch(5);
        var c = Batch(6);
        c.Spans[0].Name = "poison";
        c.Spans[5].Name = "poison";
        var merged = new[] { a, b, c }.Select(x => pipeline.SubmitAsync(x, CancellationToken.None).AsTask()).ToArray();
        durable.Release();

        var outcomes = await Task.WhenAll(merged).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(IngestStatus.Accepted, (await first.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Accepted, o.Status));
        Assert.Equal([1L, 0L, 2L], outcomes.Select(o => o.Rejected));
        Assert.Contains($"span 'poison' (trace {a.Spans[7].TraceId}, span {a.Spans[7].SpanId})", outcomes[0].Message, StringComparison.Ordinal);
        Assert.Contains("refused", outcomes[0].Message, StringComparison.Ordinal);
        Assert.Null(outcomes[1].Message);

        // Everything else is stored once, reaches the optional exporter once, and went through the processors once.
        var expected = new[] { a, b, c }.SelectMany(x => x.Spans).Where(s => s.Name != "poison").Select(s => s.TraceId).Order().ToList();
        Assert.Equal(expected.Count + 1, durable.Spans.Count);
        Assert.Equal(expected, durable.Spans.Skip(1).Select(s => s.TraceId).Order().ToList());
        Assert.Equal(expected, optional.Spans.Skip(1).Select(s => s.TraceId).Order().ToList());
        Assert.Equal(22, counting.Spans);
        Assert.False(pipeline.LastExportFailed);
    }

    [Fact]
    public async Task SubmitAsync_StoreRefusesASpanOfTheOnlyRequest_ItAloneIsRejected()
    {
        var durable = new RecordingExporter { Refuses = s => s.Name == "poison" };
        await using var pipeline = Create(durable, new CollectorOptions());
        await pipeline.StartAsync(CancellationToken.None);

        var batch = Batch(100);
        batch.Spans[63].Name = "poison";
        var outcome = await pipeline.SubmitAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        Assert.Equal(1, outcome.Rejected);
        Assert.Equal(99, durable.Spans.Count);
        Assert.DoesNotContain(durable.Spans, s => s.Name == "poison");
        // Found by halving: 100 → 50 → 25 → 13 → 6 → 3 → 2 → 1, a refusal at each level and no more.
        Assert.Equal(8, durable.Refusals);
    }

    private static IngestPipeline Create(RecordingExporter exporter, CollectorOptions options, IngestActivity? activity = null)
    {
        var metrics = new CollectorMetrics();
        var runner = new DefaultPipelineRunner([], [exporter], metrics, options, TimeProvider.System, NullLogger<DefaultPipelineRunner>.Instance);
        return new IngestPipeline(options, runner, metrics, TimeProvider.System, NullLogger<IngestPipeline>.Instance, activity);
    }

    private static TelemetryBatch Batch(int spans)
    {
        var batch = new TelemetryBatch();
        for (var i = 0; i < spans; i++)
        {
            batch.Spans.Add(new SpanRecord { TraceId = Guid.NewGuid().ToString("N"), SpanId = i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) });
        }

        return batch;
    }

    private sealed class CountingProcessor : ITelemetryProcessor
    {
        private int _spans;

        public string Id => "counting";

        public int Spans => Volatile.Read(ref _spans);

        public ValueTask ProcessAsync(TelemetryBatch batch, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _spans, batch.Spans.Count);
            return ValueTask.CompletedTask;
        }

        public void Dispose()
        {
        }
    }

    private sealed class ThrowingProcessor : ITelemetryProcessor
    {
        public string Id => "throwing";

        public ValueTask ProcessAsync(TelemetryBatch batch, CancellationToken cancellationToken) => throw new InvalidOperationException("processor bug");

        public void Dispose()
        {
        }
    }
}
