using LlmOps.Processors.Model;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;
using static LlmOps.Processors.Tests.Metrics.OtlpMetricsMapperTests;

namespace LlmOps.Processors.Tests.Metrics;

/// <summary>Received OTLP metrics as a real Prometheus stores them.</summary>
public sealed class OtlpMetricsPrometheusTests
{
    [ToolFact(ExternalTools.Prometheus)]
    public async Task Scrape_TwoReplicasSharingASeries_NoResetsAndTheIncreaseOfBoth()
    {
        // Two pods of one service, told apart only by a resource attribute that is not a label, export in turn; the
        // counter Prometheus stores must never drop (a drop is a reset to rate() and increase()).
        var (registry, mapper) = Create();
        await using var scraped = await ScrapedRegistry.StartAsync(registry);
        var a = Resource(("service.name", "pysvc3"), ("process.pid", "11"));
        var b = Resource(("service.name", "pysvc3"), ("process.pid", "12"));
        for (var i = 0; i < 8; i++)
        {
            mapper.Apply(Point("audit.replica3.requests", MetricKind.Sum, 1000 + i, a, ("route", "/x")));
            await scraped.WaitForScrapesAsync(2);
            mapper.Apply(Point("audit.replica3.requests", MetricKind.Sum, 5 + i, b, ("route", "/x")));
            await scraped.WaitForScrapesAsync(2);
        }

        const string series = "llmops_otlp_audit_replica3_requests_total";
        Assert.Equal([0], await scraped.QueryAsync($"resets({series}[1h])"));
        Assert.Equal([7 + 7], await scraped.QueryAsync($"max_over_time({series}[1h]) - min_over_time({series}[1h])"));
    }
}
