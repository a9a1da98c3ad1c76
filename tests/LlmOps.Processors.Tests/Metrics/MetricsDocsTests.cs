using LlmOps.Processors.Metrics;
using LlmOps.Processors.Model;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;
using static LlmOps.Processors.Tests.Metrics.OtlpMetricsMapperTests;

namespace LlmOps.Processors.Tests.Metrics;

/// <summary>docs/metrics.md names the label values the code really emits.</summary>
public sealed class MetricsDocsTests
{
    [Fact]
    public void MetricsMd_OtlpPointsRefused_NamesEveryReasonTheMapperCounts()
    {
        var (registry, mapper) = Create(new KpiMetricsExporterOptions { MaxOtlpMetrics = 3, MaxOtlpStreams = 3 });
        var resource = Resource(("service.name", "svc"));
        mapper.Apply(new MetricPointRecord { Name = "quantiles", Kind = MetricKind.Summary, Resource = resource });
        var noBuckets = Histogram("h", 2, resource);
        noBuckets.BucketCounts = [2];
        mapper.Apply(noBuckets);
        mapper.Apply(Histogram("h", 2, resource));
        var otherBounds = Histogram("h", 3, resource);
        otherBounds.ExplicitBounds = [2.0];
        mapper.Apply(otherBounds);
        var sameName = Point("h", MetricKind.Gauge, 1, resource);
        sameName.Unit = "s";
        mapper.Apply(sameName);
        mapper.Apply([.. Enumerable.Range(0, 3).Select(i => Point("g", MetricKind.Gauge, i, resource, ("k", "v" + i)))]);
        mapper.Apply(Point("one.too.many", MetricKind.Gauge, 1, resource));

        var reasons = ((CounterFamily)registry.Find(MetricNames.OtlpPointsRefusedTotal)!).Snapshot().Select(s => s.LabelValues[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["bad_buckets", "bounds_changed", "metric_cap", "name_conflict", "stream_cap", "unsupported_kind"], reasons);
        var row = DocsRow(MetricNames.OtlpPointsRefusedTotal);
        Assert.All(reasons, r => Assert.Contains(r, row, StringComparison.Ordinal));
    }

    /// <summary>The docs/metrics.md table row of <paramref name="metric"/>.</summary>
    internal static string DocsRow(string metric) =>
        File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "metrics.md")).Single(l => l.StartsWith("| `" + metric + "`", StringComparison.Ordinal));
}
