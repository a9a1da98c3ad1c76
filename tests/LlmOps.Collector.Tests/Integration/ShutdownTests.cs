using Google.Protobuf;
using LlmOps.Collector.Ingest;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

public sealed class ShutdownTests
{
    [Fact]
    public async Task StopAsync_RequestsInFlight_DrainedIntoExporterAndAcknowledged()
    {
        var exporter = new RecordingExporter(blocked: true);
        var app = await TestCollector.StartAsync(exporter);
        using var client = new GrpcTestClient();
        var first = client.ExportAsync(app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(5).ToByteArray());
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));
        var second = client.ExportAsync(app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(5, offset: 50).ToByteArray());
        var pipeline = app.Services.GetRequiredService<IngestPipeline>();
        Assert.True(await TestCollector.EventuallyAsync(() => pipeline.QueuedItems == 10));

        var stopping = app.StopAsync();
        // Kestrel stops accepting first and waits for the requests in flight; the queue drains behind them.
        using (var late = new HttpClient())
        {
            Assert.True(await TestCollector.EventuallyAsync(() => !Accepts(late, app.HttpPort)));
        }

        exporter.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, (await first.WaitAsync(TimeSpan.FromSeconds(30))).GrpcStatus);
        Assert.Equal(0, (await second.WaitAsync(TimeSpan.FromSeconds(30))).GrpcStatus);
        Assert.Equal(10, exporter.Spans.Count);
        Assert.Equal(0, pipeline.QueuedItems);
        var batch = new TelemetryBatch();
        batch.Spans.Add(new SpanRecord { TraceId = "ab", SpanId = "cd" });
        Assert.Equal(IngestStatus.ShuttingDown, (await pipeline.SubmitAsync(batch, CancellationToken.None)).Status);
        await app.DisposeAsync();
    }

    private static bool Accepts(HttpClient http, int port)
    {
        try
        {
            using var response = http.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/traces")).WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
