using LlmOps.Processors.Alerts;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Model;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

/// <summary>The KPI series as a real Prometheus stores them and the dashboards' PromQL reads them.</summary>
public sealed class KpiMetricsPrometheusTests
{
    [ToolFact(ExternalTools.Prometheus)]
    public async Task Scrape_OnlySuccessesThenAFirstError_ErrorRateZeroThenTheErrorCounted()
    {
        var registry = new MetricRegistry();
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions(), registry, TimeProvider.System);
        await using var scraped = await ScrapedRegistry.StartAsync(registry);
        var errorRate = AlertExpressions.ErrorRate("1m");
        for (var i = 0; i < 3; i++)
        {
            await exporter.ExportAsync(Batch(5, errorType: null), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            await scraped.WaitForScrapesAsync(2);
        }

        // A healthy system: the error rate is 0, not "no data".
        Assert.Equal([0], await scraped.QueryAsync(errorRate));

        // The first error of a new (error_type, model) pair: Prometheus must see the series go from 0 to 1, or
        // increase() and the error-rate alert never count it.
        await exporter.ExportAsync(Batch(1, errorType: "timeout"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await scraped.WaitForScrapesAsync(3);
        Assert.Equal([1], await scraped.QueryAsync($"max_over_time({MetricNames.ErrorsTotal}[1h]) - min_over_time({MetricNames.ErrorsTotal}[1h])"));
        Assert.True((await scraped.QueryAsync($"sum(increase({MetricNames.ErrorsTotal}[1h]))")).Single() > 0.5);
        Assert.True((await scraped.QueryAsync(errorRate)).Single() > 0);
    }

    private static TelemetryBatch Batch(int spans, string? errorType)
    {
        var batch = new TelemetryBatch();
        var start = (TimeProvider.System.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        for (var i = 0; i < spans; i++)
        {
            batch.Spans.Add(new SpanRecord
            {
                TraceId = Guid.NewGuid().ToString("N"),
                SpanId = "0000000000000001",
                Name = "chat gpt-4o",
                StartTimeUnixNano = start,
                EndTimeUnixNano = start + 300_000_000,
                StatusCode = errorType is null ? StatusCodeValue.Unset : StatusCodeValue.Error,
                GenAi = new GenAiInfo { IsGenAi = true, Operation = "chat", Provider = "openai", RequestModel = "gpt-4o", ErrorType = errorType },
            });
        }

        return batch;
    }
}
