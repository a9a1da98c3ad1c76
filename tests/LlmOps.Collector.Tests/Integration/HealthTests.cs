using System.Net;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

public sealed class HealthTests
{
    [Fact]
    public async Task Readyz_QueueSaturated_503ThenReadyAfterDrain()
    {
        var exporter = new RecordingExporter(blocked: true);
        await using var app = await TestCollector.StartAsync(exporter, o => o.QueueCapacityItems = 10);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.ManagementPort}") };
        using var client = new GrpcTestClient();

        using (var healthy = await http.GetAsync(new Uri("/healthz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        using (var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var pending = client.ExportAsync(app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(10).ToByteArray());
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Entered == 1));
        using (var saturated = await http.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, saturated.StatusCode);
            Assert.Contains("saturated", await saturated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var alive = await http.GetAsync(new Uri("/healthz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        exporter.Release();
        Assert.Equal(0, (await pending.WaitAsync(TimeSpan.FromSeconds(30))).GrpcStatus);
        using var again = await http.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task OtlpPorts_ManagementPathsNotServed()
    {
        await using var app = await TestCollector.StartAsync(new RecordingExporter());
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{app.HttpPort}/healthz")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
