using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Ingest;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LlmOps.Collector.Tests.Ingest;

public sealed class ConfiguredPipelineRunnerTests
{
    [Fact]
    public async Task Swap_WhilePassesRun_OldGraphDisposedWhenItsLastPassEnds()
    {
        var exporter = new RecordingExporter();
        var oldProcessor = new GateProcessor();
        var newProcessor = new GateProcessor();
        newProcessor.Open();
        using var runner = new ConfiguredPipelineRunner(Graph(oldProcessor, exporter), new CollectorMetrics(), new CollectorOptions(), TimeProvider.System, NullLogger<ConfiguredPipelineRunner>.Instance);

        // Two passes (a client export and a background pass) hold the old graph.
        var first = runner.RunAsync(Batch(), () => { }, CancellationToken.None);
        var second = runner.RunAsync(Batch(), () => { }, CancellationToken.None);
        Assert.True(await TestCollector.EventuallyAsync(() => oldProcessor.Entered == 2));

        runner.Swap(Graph(newProcessor, exporter));
        await runner.RunAsync(Batch(), () => { }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, newProcessor.Entered);
        Assert.False(oldProcessor.Disposed);

        oldProcessor.Open();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(oldProcessor.Disposed);
        Assert.False(newProcessor.Disposed);
        Assert.Equal(3, exporter.Spans.Count);

        runner.Dispose();
        Assert.True(newProcessor.Disposed);
    }

    [Fact]
    public void Swap_WithNoPassRunning_OldGraphDisposedAtOnce()
    {
        var oldProcessor = new GateProcessor();
        var newProcessor = new GateProcessor();
        using var runner = new ConfiguredPipelineRunner(Graph(oldProcessor, new RecordingExporter()), new CollectorMetrics(), new CollectorOptions(), TimeProvider.System, NullLogger<ConfiguredPipelineRunner>.Instance);

        runner.Swap(Graph(newProcessor, new RecordingExporter()));

        Assert.True(oldProcessor.Disposed);
        Assert.False(newProcessor.Disposed);
    }

    private static PipelineGraph Graph(ITelemetryProcessor processor, ITelemetryExporter exporter) =>
        new([processor], [], [], [new ExporterRoute(exporter, Traces: true, Metrics: false, Logs: true)], NullLogger.Instance);

    private static TelemetryBatch Batch()
    {
        var batch = new TelemetryBatch();
        batch.Spans.Add(new SpanRecord { TraceId = Guid.NewGuid().ToString("N"), SpanId = "0000000000000001" });
        return batch;
    }

    private sealed class GateProcessor : ITelemetryProcessor
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _entered;

        public string Id => "gate";

        public int Entered => Volatile.Read(ref _entered);

        public bool Disposed { get; private set; }

        public void Open() => _gate.TrySetResult();

        public async ValueTask ProcessAsync(TelemetryBatch batch, CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            Interlocked.Increment(ref _entered);
            await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        public void Dispose() => Disposed = true;
    }
}
