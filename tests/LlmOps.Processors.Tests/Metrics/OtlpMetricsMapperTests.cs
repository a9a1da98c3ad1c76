using LlmOps.Processors.Metrics;
using LlmOps.Processors.Model;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

/// <summary>Received OTLP metric points served as <c>llmops_otlp_*</c> series.</summary>
public sealed class OtlpMetricsMapperTests
{
    [Fact]
    public void Apply_EmptyAttributeValue_SameSeriesAsWithoutTheAttribute()
    {
        // Prometheus reads tenant="" as no tenant label: serving both would make two identical series, one dropped.
        var (registry, mapper) = Create();
        var resource = Resource(("service.name", "audit-svc"), ("service.instance.id", "i1"), ("host.name", ""));
        mapper.Apply(Point("audit.emptylabel", MetricKind.Gauge, 1, resource));
        mapper.Apply(Point("audit.emptylabel", MetricKind.Gauge, 2, resource, ("tenant", "")));
        mapper.Apply(Point("audit.emptyctr", MetricKind.Sum, 10, resource));
        mapper.Apply(Point("audit.emptyctr", MetricKind.Sum, 99, resource, ("tenant", "")));

        var lines = Samples(registry.RenderAfterFirstScrape(), "llmops_otlp_audit_empty");
        Assert.DoesNotContain(lines, l => l.Contains("=\"\"", StringComparison.Ordinal));
        Assert.Equal(["llmops_otlp_audit_emptylabel{service_instance_id=\"i1\",service_name=\"audit-svc\"} 2"], lines.Where(l => l.StartsWith("llmops_otlp_audit_emptylabel", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("llmops_otlp_audit_emptyctr_total", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_ReplicasWithOnlyAnUnkeptResourceAttributeApart_CounterAddsTheirIncreases()
    {
        // The audit's two pods of one service without service.instance.id, told apart only by process.pid (not a
        // label): the series used to flip between their totals (5, 1002, 7, ...), each drop a counter reset.
        var (registry, mapper) = Create();
        var a = Resource(("service.name", "pysvc3"), ("process.pid", "11"));
        var b = Resource(("service.name", "pysvc3"), ("process.pid", "12"));
        var served = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            mapper.Apply(Point("audit.replica3.requests", MetricKind.Sum, 1000 + i, a, ("route", "/x")));
            served.Add(Value(registry, "llmops_otlp_audit_replica3_requests_total{route=\"/x\",service_name=\"pysvc3\"}"));
            mapper.Apply(Point("audit.replica3.requests", MetricKind.Sum, 5 + i, b, ("route", "/x")));
            served.Add(Value(registry, "llmops_otlp_audit_replica3_requests_total{route=\"/x\",service_name=\"pysvc3\"}"));
        }

        // Both began counting before the collector saw them: their first points are baselines, then 11 + 11 requests.
        Assert.Equal(22, served[^1]);
        Assert.Equal(served.Order(), served);
        Assert.Single(Samples(registry.RenderAfterFirstScrape(), "llmops_otlp_audit_replica3_requests_total"));
        Assert.Equal(1, Value(registry, MetricNames.OtlpStreamsMergedTotal + "{metric=\"llmops_otlp_audit_replica3_requests_total\",reason=\"resource\"}"));
    }

    [Fact]
    public void Apply_ReplicasOnOtherHostsOrPods_ServedApart()
    {
        var (registry, mapper) = Create();
        mapper.Apply(Point("app.requests", MetricKind.Sum, 10, Resource(("service.name", "app"), ("host.name", "h1")), started: true));
        mapper.Apply(Point("app.requests", MetricKind.Sum, 20, Resource(("service.name", "app"), ("k8s.namespace.name", "prod"), ("k8s.pod.name", "app-7c9-x2")), started: true));
        var text = registry.RenderAfterFirstScrape();
        Assert.Contains("llmops_otlp_app_requests_total{host_name=\"h1\",service_name=\"app\"} 10\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_otlp_app_requests_total{k8s_namespace_name=\"prod\",k8s_pod_name=\"app-7c9-x2\",service_name=\"app\"} 20\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MetricNames.OtlpStreamsMergedTotal + "{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AttributesPastTheLabelCap_StreamsAddedUpAndCounted()
    {
        // 11 attributes and a cap of 10 labels: z_status is cut, so ok (500) and error (3) share one series.
        var (registry, mapper) = Create(new KpiMetricsExporterOptions { MaxLabelsPerSeries = 10 });
        var resource = Resource(("service.name", "svc"));
        (string, string)[] Attributes(string status) => [.. Enumerable.Range(0, 9).Select(i => ($"a0{i}", "v")), ("z_status", status)];
        mapper.Apply(Point("audit.cap.requests", MetricKind.Sum, 500, resource, started: true, Attributes("ok")));
        mapper.Apply(Point("audit.cap.requests", MetricKind.Sum, 3, resource, started: true, Attributes("error")));
        mapper.Apply(Point("audit.cap.requests", MetricKind.Sum, 510, resource, started: true, Attributes("ok")));

        var line = Assert.Single(Samples(registry.RenderAfterFirstScrape(), "llmops_otlp_audit_cap_requests_total"));
        Assert.EndsWith(" 513", line, StringComparison.Ordinal);
        Assert.DoesNotContain("z_status", line, StringComparison.Ordinal);
        Assert.Equal(1, Value(registry, MetricNames.OtlpStreamsMergedTotal + "{metric=\"llmops_otlp_audit_cap_requests_total\",reason=\"attributes\"}"));
    }

    [Fact]
    public void Apply_CumulativePointsOverTheSeriesCap_OverflowSeriesAddsThem()
    {
        // A cap of 3 label sets and 5 sent: v3 and v4 go to __overflow__, which must hold their sum, not the last one.
        var (registry, mapper) = Create(new KpiMetricsExporterOptions { MaxSeriesPerMetric = 3 });
        var resource = Resource(("service.name", "capsvc"), ("service.instance.id", "c1"));
        var overflow = "{k=\"__overflow__\",service_instance_id=\"__overflow__\",service_name=\"__overflow__\"}";
        foreach (var round in new[] { 100, 200 })
        {
            mapper.Apply([.. Enumerable.Range(0, 5).Select(i => Point("audit.cap.requests", MetricKind.Sum, round + i, resource, started: true, ("k", "v" + i)))]);
            mapper.Apply([.. Enumerable.Range(0, 5).Select(i => Histogram("audit.cap.lat", (ulong)(round + i), resource, ("k", "v" + i)))]);
        }

        Assert.Equal(203 + 204, Value(registry, "llmops_otlp_audit_cap_requests_total" + overflow));
        Assert.Equal(203 + 204, Value(registry, "llmops_otlp_audit_cap_lat_seconds_count" + overflow));
        Assert.Equal(203 + 204, Value(registry, "llmops_otlp_audit_cap_lat_seconds_bucket" + overflow[..^1] + ",le=\"+Inf\"}"));
        Assert.Equal(200, Value(registry, "llmops_otlp_audit_cap_requests_total{k=\"v0\",service_instance_id=\"c1\",service_name=\"capsvc\"}"));
        Assert.Equal(2, Value(registry, MetricNames.OtlpStreamsMergedTotal + "{metric=\"llmops_otlp_audit_cap_requests_total\",reason=\"series_cap\"}"));
    }

    [Fact]
    public void Apply_CumulativeHistogramsOfTwoSources_BucketsAddedUp()
    {
        var (registry, mapper) = Create();
        var a = Resource(("service.name", "svc"), ("process.pid", "1"));
        var b = Resource(("service.name", "svc"), ("process.pid", "2"));
        mapper.Apply(Histogram("rpc.duration", 10, a));
        mapper.Apply(Histogram("rpc.duration", 4, b));
        mapper.Apply(Histogram("rpc.duration", 12, a));
        var text = registry.RenderAfterFirstScrape();
        Assert.Contains("llmops_otlp_rpc_duration_seconds_count{service_name=\"svc\"} 16\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_otlp_rpc_duration_seconds_bucket{service_name=\"svc\",le=\"1\"} 16\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_otlp_rpc_duration_seconds_sum{service_name=\"svc\"} 8\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StreamRestarts_NewValueAddedNoDrop()
    {
        var (registry, mapper) = Create();
        var resource = Resource(("service.name", "svc"));
        var first = Point("jobs.done", MetricKind.Sum, 40, resource, started: true);
        mapper.Apply(first);
        var restarted = Point("jobs.done", MetricKind.Sum, 3, resource, started: true);
        restarted.StartTimeUnixNano = first.StartTimeUnixNano + 1_000_000_000;
        mapper.Apply(restarted);
        Assert.Equal(43, Value(registry, "llmops_otlp_jobs_done_total{service_name=\"svc\"}"));
    }

    [Fact]
    public void Apply_UpDownSumsOfTwoSources_LevelsAddedAndAnIdleOneLeaves()
    {
        var clock = new ManualTimeProvider(Now);
        var registry = new MetricRegistry();
        var mapper = new OtlpMetricsMapper(registry, new KpiMetricsExporterOptions(), clock);
        var a = Resource(("service.name", "svc"), ("process.pid", "1"));
        var b = Resource(("service.name", "svc"), ("process.pid", "2"));
        var series = "llmops_otlp_active_requests{service_name=\"svc\"}";
        mapper.Apply(UpDown("active.requests", 5, a));
        mapper.Apply(UpDown("active.requests", 7, b));
        Assert.Equal(12, Value(registry, series));
        mapper.Apply(UpDown("active.requests", 3, a));
        Assert.Equal(10, Value(registry, series));

        // b stops reporting (its process ended); after the idle time its level leaves the sum.
        clock.Advance(TimeSpan.FromMinutes(6));
        mapper.Apply(UpDown("active.requests", 4, a));
        clock.Advance(TimeSpan.FromMinutes(6));
        mapper.Apply(UpDown("active.requests", 4, a));
        Assert.Equal(4, Value(registry, series));
        Assert.Equal(1, mapper.StreamCount);
    }

    [Fact]
    public void Apply_ForgottenStreamComesBack_CountsNotAddedTwice()
    {
        var clock = new ManualTimeProvider(Now);
        var registry = new MetricRegistry();
        var mapper = new OtlpMetricsMapper(registry, new KpiMetricsExporterOptions(), clock);
        var resource = Resource(("service.name", "batch"));
        var series = "llmops_otlp_jobs_done_total{service_name=\"batch\"}";
        var point = Point("jobs.done", MetricKind.Sum, 50, resource, started: true);
        mapper.Apply(point);
        clock.Advance(TimeSpan.FromMinutes(30));
        mapper.Apply(Point("other.metric", MetricKind.Gauge, 1, resource));
        Assert.Equal(1, mapper.StreamCount);

        // The same stream (same start time) after being forgotten: its 50 earlier counts were already served.
        var back = Point("jobs.done", MetricKind.Sum, 58, resource, started: true);
        back.StartTimeUnixNano = point.StartTimeUnixNano;
        mapper.Apply(back);
        Assert.Equal(50, Value(registry, series));
        var later = Point("jobs.done", MetricKind.Sum, 60, resource, started: true);
        later.StartTimeUnixNano = point.StartTimeUnixNano;
        mapper.Apply(later);
        Assert.Equal(52, Value(registry, series));
    }

    [Fact]
    public void Apply_NoRecordedValueOnOneOfTwoStreams_SeriesStaysUntilTheLastEnds()
    {
        // Two processes' in-flight requests share a series; one goes stale: its level leaves, the other's stays.
        var (registry, mapper) = Create();
        var a = Resource(("service.name", "svc"), ("process.pid", "1"));
        var b = Resource(("service.name", "svc"), ("process.pid", "2"));
        var series = "llmops_otlp_active_requests{service_name=\"svc\"}";
        mapper.Apply([UpDown("active.requests", 5, a), UpDown("active.requests", 7, b)]);
        Assert.Equal(12, Value(registry, series));

        var stale = UpDown("active.requests", 0, a);
        stale.Flags = MetricPointRecord.NoRecordedValueFlag;
        mapper.Apply(stale);
        Assert.Equal(7, Value(registry, series));
        Assert.Equal(1, mapper.StreamCount);

        var last = UpDown("active.requests", 0, b);
        last.Flags = MetricPointRecord.NoRecordedValueFlag;
        mapper.Apply(last);
        Assert.Empty(Samples(registry.RenderAfterFirstScrape(), "llmops_otlp_active_requests"));
        Assert.Equal(0, mapper.StreamCount);
    }

    [Fact]
    public void Apply_MoreStreamsThanTheCap_NewOnesRefusedAndCounted()
    {
        var (registry, mapper) = Create(new KpiMetricsExporterOptions { MaxOtlpStreams = 2 });
        var resource = Resource(("service.name", "svc"));
        mapper.Apply([.. Enumerable.Range(0, 4).Select(i => Point("m", MetricKind.Gauge, i, resource, ("k", "v" + i)))]);
        Assert.Equal(2, Value(registry, MetricNames.OtlpPointsRefusedTotal + "{reason=\"stream_cap\"}"));
        Assert.Equal(2, Samples(registry.RenderAfterFirstScrape(), "llmops_otlp_m{").Count);
    }

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal static (MetricRegistry Registry, OtlpMetricsMapper Mapper) Create(KpiMetricsExporterOptions? options = null)
    {
        var registry = new MetricRegistry();
        return (registry, new OtlpMetricsMapper(registry, options ?? new KpiMetricsExporterOptions(), new ManualTimeProvider(Now)));
    }

    internal static ResourceInfo Resource(params (string Key, string Value)[] attributes) => new() { Attributes = Attributes(attributes) };

    /// <summary>A cumulative point (a monotonic sum for <see cref="MetricKind.Sum"/>) of a stream that began before the collector.</summary>
    internal static MetricPointRecord Point(string name, MetricKind kind, double value, ResourceInfo resource, params (string Key, string Value)[] attributes) =>
        Point(name, kind, value, resource, started: false, attributes);

    /// <summary>A cumulative point; <paramref name="started"/>: its stream began counting after the collector started.</summary>
    internal static MetricPointRecord Point(string name, MetricKind kind, double value, ResourceInfo resource, bool started, params (string Key, string Value)[] attributes) => new()
    {
        Name = name,
        Kind = kind,
        IsMonotonic = kind == MetricKind.Sum,
        Temporality = 2,
        Value = value,
        Resource = resource,
        Attributes = Attributes(attributes),
        StartTimeUnixNano = started ? UnixNanos(Now) + 1_000_000 : UnixNanos(Now) - 3_600_000_000_000,
        TimeUnixNano = UnixNanos(Now),
    };

    /// <summary>A cumulative histogram point in seconds, bound 1: <paramref name="count"/> observations of 0.5.</summary>
    internal static MetricPointRecord Histogram(string name, ulong count, ResourceInfo resource, params (string Key, string Value)[] attributes)
    {
        var point = Point(name, MetricKind.Histogram, count * 0.5, resource, started: true, attributes);
        point.Unit = "s";
        point.Count = count;
        point.ExplicitBounds = [1.0];
        point.BucketCounts = [count, 0];
        return point;
    }

    private static MetricPointRecord UpDown(string name, double value, ResourceInfo resource)
    {
        var point = Point(name, MetricKind.Sum, value, resource, started: false);
        point.IsMonotonic = false;
        return point;
    }

    private static AttributeList Attributes((string Key, string Value)[] attributes)
    {
        var list = new AttributeList();
        foreach (var (k, v) in attributes)
        {
            list.Add(k, AttrValue.Of(v));
        }

        return list;
    }

    private static long UnixNanos(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    private static double Value(MetricRegistry registry, string series)
    {
        var line = registry.RenderAfterFirstScrape().Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sample lines of the exposition whose name starts with <paramref name="prefix"/>.</summary>
    internal static List<string> Samples(string text, string prefix) =>
        [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
}
