namespace LlmOps.Processors.Metrics;

internal sealed class GaugeFamily(string name, string help, string[] labelNames, int maxSeries)
    : MetricFamilyOf<GaugeSeries>(name, help, MetricType.Gauge, labelNames, maxSeries)
{
    protected override GaugeSeries Create(string[] names, string[] values) => new(names, values);
}
