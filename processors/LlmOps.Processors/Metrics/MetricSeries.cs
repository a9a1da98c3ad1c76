using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>One time series of a family: its label set (rendered once) and its value(s).</summary>
internal abstract class MetricSeries
{
    private int _exposed;

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

    /// <summary>
    /// Appends this series' sample lines under <paramref name="name"/>; with <paramref name="asZero"/>, a counter's or
    /// histogram's lines with the value 0 (its first exposition, see <see cref="MetricFamily.NewSeriesAtZero"/>).
    /// </summary>
    public abstract void WriteSamples(StringBuilder sb, string name, bool asZero);

    /// <summary>True the first time it is called: the series has not been served before.</summary>
    public bool TakeFirstExposition() => Interlocked.Exchange(ref _exposed, 1) == 0;

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
