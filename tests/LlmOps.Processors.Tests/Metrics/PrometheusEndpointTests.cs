using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task MapPrometheus_Get_ServesExpositionWithContentType()
    {
        var registry = new MetricRegistry();
        registry.Counter("llmops_test_total", "Test.", []).WithLabels().Add(2);
        await using var server = await TestServer.StartAsync(e => e.MapPrometheus(registry: registry));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("metrics", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType!.ToString());
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("llmops_test_total 2\n", body, StringComparison.Ordinal);
    }
}
