using LlmOps.Processors.Metrics;
using LlmOps.Processors.Model;
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

        var lines = Samples(registry.Render(), "llmops_otlp_audit_empty");
        Assert.DoesNotContain(lines, l => l.Contains("=\"\"", StringComparison.Ordinal));
        Assert.Equal(["llmops_otlp_audit_emptylabel{service_instance_id=\"i1\",service_name=\"audit-svc\"} 2"], lines.Where(l => l.StartsWith("llmops_otlp_audit_emptylabel", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("llmops_otlp_audit_emptyctr_total", StringComparison.Ordinal));
    }

    internal static (MetricRegistry Registry, OtlpMetricsMapper Mapper) Create(KpiMetricsExporterOptions? options = null)
    {
        var registry = new MetricRegistry();
        return (registry, new OtlpMetricsMapper(registry, options ?? new KpiMetricsExporterOptions()));
    }

    internal static ResourceInfo Resource(params (string Key, string Value)[] attributes)
    {
        var list = new AttributeList();
        foreach (var (k, v) in attributes)
        {
            list.Add(k, AttrValue.Of(v));
        }

        return new ResourceInfo { Attributes = list };
    }

    /// <summary>A cumulative point (a monotonic sum for <see cref="MetricKind.Sum"/>).</summary>
    internal static MetricPointRecord Point(string name, MetricKind kind, double value, ResourceInfo resource, params (string Key, string Value)[] attributes)
    {
        var list = new AttributeList();
        foreach (var (k, v) in attributes)
        {
            list.Add(k, AttrValue.Of(v));
        }

        return new MetricPointRecord { Name = name, Kind = kind, IsMonotonic = kind == MetricKind.Sum, Temporality = 2, Value = value, Resource = resource, Attributes = list };
    }

    /// <summary>Sample lines of the exposition whose name starts with <paramref name="prefix"/>.</summary>
    internal static List<string> Samples(string text, string prefix) =>
        [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
}
