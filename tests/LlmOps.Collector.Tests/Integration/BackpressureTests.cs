using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using LlmOps.Sdk;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// With the queue full (an exporter that blocks until released) the receivers refuse with a retry delay, count what
/// they refused, and the client's retry succeeds once the pipeline drains.
/// </summary>
public sealed class BackpressureTests
{
    private const int Capacity = 10;

    [Fact]
    public async Task GrpcExport_QueueFull_UnavailableWithRetryInfoThenOtelRetrySucceeds()
    {
        Environment.SetEnvironmentVariable("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory");
        var exporter = new RecordingExporter(blocked: true);
        await using var app = await TestCollector.StartAsync(exporter, Configure);
        using var metrics = new MetricCapture(app);
        using var client = new GrpcTestClient();

        var filling = client.ExportAsync(app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(Capacity).ToByteArray());
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));

        var refused = await client.ExportAsync(app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(1, offset: 100).ToByteArray());
        Assert.Equal(200, refused.HttpStatus);
        Assert.Equal(14, refused.GrpcStatus);
        Assert.False(refused.TrailersOnly);
        var details = RpcStatus.Parse(Convert.FromBase64String(refused.StatusDetailsBin!));
        Assert.Equal(14, details.Code);
        Assert.Equal("type.googleapis.com/google.rpc.RetryInfo", details.DetailType);
        Assert.Equal(TimeSpan.FromMilliseconds(300), details.RetryDelay);
        Assert.Equal(1, metrics.Sum(SemanticConventions.CollectorRefusedItems));

        // The real OpenTelemetry exporter is refused too, and retries after the delay it was given.
        var sourceName = "llmops.tests." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        using var provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource(sourceName)
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.Grpc;
                o.Endpoint = new Uri($"http://127.0.0.1:{app.GrpcPort}");
                o.TimeoutMilliseconds = 20_000;
            })
            .Build()!;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var a = source.StartActivity("chat")!;
            ids.Add(a.SpanId.ToHexString());
        }

        var flush = Task.Run(() => provider.ForceFlush(25_000));
        Assert.True(await TestCollector.EventuallyAsync(() => metrics.Sum(SemanticConventions.CollectorRefusedItems) >= 4));
        Assert.Empty(exporter.Spans);

        exporter.Release();

        Assert.Equal(0, (await filling.WaitAsync(TimeSpan.FromSeconds(30))).GrpcStatus);
        Assert.True(await flush.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await TestCollector.EventuallyAsync(() => ids.All(id => exporter.Spans.Any(s => s.SpanId == id))));
        Assert.Equal(Capacity + 3, exporter.Spans.Count);
    }

    [Fact]
    public async Task HttpExport_QueueFull_503WithRetryAfterThenRetrySucceeds()
    {
        var exporter = new RecordingExporter(blocked: true);
        await using var app = await TestCollector.StartAsync(exporter, Configure);
        using var metrics = new MetricCapture(app);
        using var http = new HttpClient();

        var filling = HttpOtlp.PostAsync(http, app.HttpPort, "/v1/traces", OtlpSamples.Traces(Capacity).ToByteArray(), "application/x-protobuf");
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));

        var extra = OtlpSamples.Traces(2, offset: 100).ToByteArray();
        using (var refused = await HttpOtlp.PostAsync(http, app.HttpPort, "/v1/traces", extra, "application/x-protobuf"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            var status = RpcStatus.Parse(await refused.Content.ReadAsByteArrayAsync());
            Assert.Equal(14, status.Code);
            Assert.Equal(TimeSpan.FromMilliseconds(300), status.RetryDelay);
        }

        Assert.Equal(2, metrics.Sum(SemanticConventions.CollectorRefusedItems));
        Assert.Empty(exporter.Spans);

        exporter.Release();
        using (var first = await filling.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var retried = await HttpOtlp.PostAsync(http, app.HttpPort, "/v1/traces", extra, "application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(Capacity + 2, exporter.Spans.Count);
    }

    [Fact]
    public async Task Export_StoreFails_RetryableAndNothingAcknowledgedIsLost()
    {
        var exporter = new RecordingExporter();
        exporter.FailNext(1);
        await using var app = await TestCollector.StartAsync(exporter, Configure);
        using var client = new GrpcTestClient();
        var request = OtlpSamples.Traces(3).ToByteArray();

        var failed = await client.ExportAsync(app.GrpcPort, GrpcTestClient.TracePath, request);
        Assert.Equal(14, failed.GrpcStatus);
        Assert.Empty(exporter.Spans);

        var retried = await client.ExportAsync(app.GrpcPort, GrpcTestClient.TracePath, request);
        Assert.Equal(0, retried.GrpcStatus);
        Assert.Equal(3, exporter.Spans.Count);
    }

    private static void Configure(Hosting.CollectorOptions o)
    {
        o.QueueCapacityItems = Capacity;
        o.RetryAfter = TimeSpan.FromMilliseconds(300);
    }
}
