using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>One time series of a family: its label set (rendered once) and its value(s).</summary>
internal abstract class MetricSeries
{
    protected MetricSeries(string[] labelNames, string[] labelValues)
    {
        LabelNames = labelNames;
        LabelValues = labelValues;
        RenderedLabels = PrometheusText.RenderLabels(labelNames, labelValues);
    }

    public IReadOnlyList<string> LabelNames { get; }

    public IReadOnlyList<string> LabelValues { get; }

    /// <summary><c>{a="x"}</c> or empty.</summary>
    public string RenderedLabels { get; }

    /// <summary>Appends this series' sample lines under <paramref name="name"/>.</summary>
    public abstract void WriteSamples(StringBuilder sb, string name);

    protected static void AddAtomic(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
