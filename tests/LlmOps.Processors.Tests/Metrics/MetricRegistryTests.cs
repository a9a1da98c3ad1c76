using LlmOps.Processors.Metrics;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

public sealed class MetricRegistryTests
{
    [Fact]
    public void Counter_NameWithoutTotal_Throws()
    {
        var r = new MetricRegistry();
        Assert.Throws<ArgumentException>(() => r.Counter("llmops_things", "h", []));
    }

    [Fact]
    public void Gauge_NameEndingInTotal_Throws()
    {
        var r = new MetricRegistry();
        Assert.Throws<ArgumentException>(() => r.Gauge("llmops_things_total", "h", []));
    }

    [Fact]
    public void Register_SameNameOtherType_Throws()
    {
        var r = new MetricRegistry();
        r.Gauge("llmops_a", "h", []);
        Assert.Throws<InvalidOperationException>(() => r.Histogram("llmops_a", "h", [1], []));
    }

    [Fact]
    public void Register_GaugeCollidingWithHistogramSample_Throws()
    {
        var r = new MetricRegistry();
        r.Histogram("llmops_lat", "h", [1], []);
        Assert.Throws<ArgumentException>(() => r.Gauge("llmops_lat_count", "h", []));
        Assert.Throws<ArgumentException>(() => r.Gauge("llmops_lat_bucket", "h", []));
        Assert.Throws<InvalidOperationException>(() => r.Gauge("llmops_lat", "h", []));
    }

    [Fact]
    public void Register_SameNameSameShape_ReturnsSameFamily()
    {
        var r = new MetricRegistry();
        Assert.Same(r.Counter("llmops_a_total", "h", ["x"]), r.Counter("llmops_a_total", "h", ["x"]));
    }

    [Fact]
    public void Register_InvalidLabel_Throws()
    {
        var r = new MetricRegistry();
        Assert.Throws<ArgumentException>(() => r.Gauge("llmops_a", "h", ["bad-label"]));
        Assert.Throws<ArgumentException>(() => r.Histogram("llmops_b", "h", [1], ["le"]));
        Assert.Throws<ArgumentException>(() => r.Gauge("llmops_c", "h", ["x", "x"]));
    }

    [Fact]
    public void WithLabels_OverCap_GoesToOverflowSeriesAndIsCounted()
    {
        var r = new MetricRegistry();
        var c = r.Counter("llmops_by_user_total", "h", ["user"], maxSeries: 3);
        for (var i = 0; i < 10; i++)
        {
            c.WithLabels("u" + i).Add();
        }

        Assert.Equal(4, c.SeriesCount);
        var text = r.Render();
        Assert.Contains("llmops_by_user_total{user=\"__overflow__\"} 7", text, StringComparison.Ordinal);
        Assert.Contains("llmops_metrics_series_overflow_total{metric=\"llmops_by_user_total\"} 7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("u9", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Histogram_CumulativeBucketsWithInfSumCount()
    {
        var r = new MetricRegistry();
        var h = r.Histogram("llmops_lat_seconds", "Latency.", [0.1, 1], ["model"]);
        h.WithLabels("m").Observe(0.05);
        h.WithLabels("m").Observe(0.5);
        h.WithLabels("m").Observe(5);
        var text = r.Render();
        Assert.Contains("# TYPE llmops_lat_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_lat_seconds_bucket{model=\"m\",le=\"0.1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_lat_seconds_bucket{model=\"m\",le=\"1\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_lat_seconds_bucket{model=\"m\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_lat_seconds_sum{model=\"m\"} 5.55\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_lat_seconds_count{model=\"m\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SeriesGauge_CountsEverySampleLinePrometheusScrapes()
    {
        // A histogram is one label set but bounds + 1 _bucket series plus _sum and _count for Prometheus.
        var r = new MetricRegistry();
        var h = r.Histogram("llmops_lat_seconds", "Latency.", [0.1, 1], ["model"]);
        h.WithLabels("a").Observe(0.5);
        h.WithLabels("b").Observe(0.5);
        var c = r.Counter("llmops_x_total", "h", ["a"]);
        c.WithLabels("1").Add();
        c.WithLabels("2").Add();
        var text = r.Render();
        var samples = text.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal(2 * (3 + 2) + 2 + 1, samples);
        Assert.Contains($"\n{MetricNames.MetricsSeries} {samples}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HelpAndLabelValues_Escaped()
    {
        var r = new MetricRegistry();
        r.Gauge("llmops_g", "line1\nline2 \\ end", ["summary"]).WithLabels("say \"hi\"\nbye").Set(1);
        var text = r.Render();
        Assert.Contains("# HELP llmops_g line1\\nline2 \\\\ end\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_g{summary=\"say \\\"hi\\\"\\nbye\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyUpdates_NoDuplicateSeries()
    {
        var r = new MetricRegistry();
        var c = r.Counter("llmops_x_total", "h", ["a"]);
        Parallel.For(0, 1000, i => c.WithLabels((i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)).Add());
        var samples = r.Render().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l[..l.LastIndexOf(' ')]).ToList();
        Assert.Equal(samples.Count, samples.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1000, c.Snapshot().Sum(s => s.Value));
    }

    [Fact]
    public void Counter_NegativeAdd_Ignored()
    {
        var r = new MetricRegistry();
        var s = r.Counter("llmops_x_total", "h", []).WithLabels();
        s.Add(2);
        s.Add(-1);
        s.Add(double.NaN);
        Assert.Equal(2, s.Value);
    }

    [Fact]
    public void Render_EmptyFamily_WritesNothing()
    {
        var r = new MetricRegistry();
        r.Counter("llmops_unused_total", "h", ["a"]);
        Assert.DoesNotContain("llmops_unused_total", r.Render(), StringComparison.Ordinal);
    }
}
