using System.IO.Compression;
using System.Net;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task MapPrometheus_Get_ServesExpositionWithContentType()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("metrics", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType!.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("llmops_test_total 2\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPrometheus_AcceptEncodingGzip_CompressedBody()
    {
        // Prometheus always asks for gzip; at the series caps the exposition is megabytes of repetitive text.
        var registry = new MetricRegistry();
        var counter = registry.Counter("llmops_test_total", "Test.", ["model"]);
        for (var i = 0; i < 500; i++)
        {
            counter.WithLabels("model-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Add(i);
        }

        await using var server = await TestServer.StartAsync(e => e.MapPrometheus(registry: registry));
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType!.ToString());
        var compressed = await response.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var text = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("llmops_test_total{model=\"model-499\"} 499\n", text, StringComparison.Ordinal);
        Assert.True(compressed.Length * 4 < text.Length, $"{compressed.Length} compressed bytes for {text.Length} characters");

        // gzip refused with q=0: plain text.
        using var refused = new HttpRequestMessage(HttpMethod.Get, "metrics");
        refused.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip;q=0, identity");
        using var plain = await http.SendAsync(refused).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("llmops_test_total{model=\"model-499\"} 499\n", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPrometheus_Head_OkWithHeadersAndNoBody()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Head, "metrics");
        using var response = await http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType!.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private static Task<TestServer> StartAsync()
    {
        var registry = new MetricRegistry();
        registry.Counter("llmops_test_total", "Test.", []).WithLabels().Add(2);
        return TestServer.StartAsync(e => e.MapPrometheus(registry: registry));
    }
}
