using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>A value that goes up and down.</summary>
internal sealed class GaugeSeries(string[] labelNames, string[] labelValues) : MetricSeries(labelNames, labelValues)
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Add(double amount)
    {
        if (double.IsFinite(amount))
        {
            AddAtomic(ref _value, amount);
        }
    }

    /// <summary>A gauge is served as it is (<paramref name="asZero"/> concerns counters and histograms).</summary>
    public override void WriteSamples(StringBuilder sb, string name, bool asZero)
    {
        sb.Append(name).Append(RenderedLabels).Append(' ');
        PrometheusText.AppendDouble(sb, Value);
        sb.Append('\n');
    }
}
