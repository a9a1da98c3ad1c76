using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// A named metric with HELP, TYPE and its series. The number of series is capped: label sets beyond
/// <see cref="MaxSeries"/> go to one overflow series whose label values are <see cref="MetricNames.OverflowValue"/>,
/// and each such update is counted.
/// </summary>
internal abstract class MetricFamily
{
    protected MetricFamily(string name, string help, MetricType type, string[] labelNames, int maxSeries)
    {
        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
        MaxSeries = maxSeries;
        EscapedHelp = PrometheusText.EscapeHelp(help);
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    /// <summary>The label names of the typed API; series added with explicit names may differ.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    public int MaxSeries { get; }

    protected string EscapedHelp { get; }

    /// <summary>
    /// When true (counters and histograms derived from received telemetry), a series is served with the value 0 the
    /// first time it appears on <c>/metrics</c>, and with its value from the next scrape on: Prometheus then stores a
    /// 0 before the update that created the series, so <c>rate()</c> and <c>increase()</c> count that update instead
    /// of taking the series' first sample as its start. Known label sets are created at 0 up front where they can be.
    /// </summary>
    public bool NewSeriesAtZero { get; set; }

    /// <summary>Called with the family name whenever an update lands in the overflow series.</summary>
    internal Action<string>? OnOverflow { get; set; }

    /// <summary>Label sets served (each counts once against <see cref="MaxSeries"/>).</summary>
    public abstract int SeriesCount { get; }

    /// <summary>
    /// Sample lines served, i.e. the series Prometheus stores: one per label set for counters and gauges, and for a
    /// histogram one per bucket (the <c>+Inf</c> one included) plus <c>_sum</c> and <c>_count</c>.
    /// </summary>
    public int SampleCount => SeriesCount * SamplesPerSeries;

    /// <summary>Sample lines one label set produces.</summary>
    protected virtual int SamplesPerSeries => 1;

    public abstract void Clear();

    /// <summary>Removes the series of an explicit label set (as received metrics name them); true when it existed.</summary>
    public abstract bool Remove(IReadOnlyList<KeyValuePair<string, string>> labels);

    /// <summary>The series of an explicit label set, when it is served (never the overflow series).</summary>
    public abstract MetricSeries? Find(IReadOnlyList<KeyValuePair<string, string>> labels);

    /// <summary>Writes HELP, TYPE and every sample; writes nothing when the family has no series.</summary>
    public abstract void WriteTo(StringBuilder sb);

    protected void WriteHeader(StringBuilder sb)
    {
        sb.Append("# HELP ").Append(Name).Append(' ').Append(EscapedHelp).Append('\n');
        sb.Append("# TYPE ").Append(Name).Append(' ').Append(Type switch
        {
            MetricType.Counter => "counter",
            MetricType.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
    }
}
