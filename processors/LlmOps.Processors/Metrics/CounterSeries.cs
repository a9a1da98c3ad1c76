using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>A monotonically increasing value.</summary>
internal sealed class CounterSeries(string[] labelNames, string[] labelValues) : MetricSeries(labelNames, labelValues)
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    /// <summary>Adds a non-negative amount; negative or non-finite amounts are ignored (a counter never goes down).</summary>
    public void Add(double amount = 1)
    {
        if (amount > 0 && double.IsFinite(amount))
        {
            AddAtomic(ref _value, amount);
        }
    }

    /// <summary>Sets the value from a cumulative source (an OTLP cumulative sum); a reset starts from the new value.</summary>
    public void Set(double value)
    {
        if (double.IsFinite(value) && value >= 0)
        {
            Volatile.Write(ref _value, value);
        }
    }

    public override void WriteSamples(StringBuilder sb, string name, bool asZero)
    {
        sb.Append(name).Append(RenderedLabels).Append(' ');
        PrometheusText.AppendDouble(sb, asZero ? 0 : Value);
        sb.Append('\n');
    }
}
