namespace LlmOps.Processors.Metrics;

internal sealed class CounterFamily(string name, string help, string[] labelNames, int maxSeries)
    : MetricFamilyOf<CounterSeries>(name, help, MetricType.Counter, labelNames, maxSeries)
{
    protected override CounterSeries Create(string[] names, string[] values) => new(names, values);
}
