using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>Bucketed observations with fixed upper bounds; rendered as cumulative <c>_bucket{le}</c>, <c>_sum</c>, <c>_count</c>.</summary>
internal sealed class HistogramSeries : MetricSeries
{
    private readonly double[] _bounds;
    private readonly string[] _leLabels;
    private readonly long[] _counts;
    private readonly Lock _lock = new();
    private double _sum;
    private long _count;

    public HistogramSeries(string[] labelNames, string[] labelValues, double[] bounds, string[] leLabels)
        : base(labelNames, labelValues)
    {
        _bounds = bounds;
        _leLabels = leLabels;
        _counts = new long[bounds.Length + 1];
    }

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public double Sum
    {
        get
        {
            lock (_lock)
            {
                return _sum;
            }
        }
    }

    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var i = Array.BinarySearch(_bounds, value);
        var bucket = i >= 0 ? i : ~i;
        lock (_lock)
        {
            _counts[bucket]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>
    /// Adds counts of received observations whose bounds equal this series' bounds (an OTLP delta point, or the
    /// increase of a cumulative one). <paramref name="bucketCounts"/> are per bucket (not cumulative), one more than bounds.
    /// </summary>
    public void Add(IReadOnlyList<ulong> bucketCounts, double sum, ulong count)
    {
        ArgumentNullException.ThrowIfNull(bucketCounts);
        lock (_lock)
        {
            for (var i = 0; i < _counts.Length && i < bucketCounts.Count; i++)
            {
                _counts[i] += (long)Math.Min(bucketCounts[i], long.MaxValue / 4);
            }

            _sum += double.IsFinite(sum) ? sum : 0;
            _count += (long)Math.Min(count, long.MaxValue / 4);
        }
    }

    public override void WriteSamples(StringBuilder sb, string name, bool asZero)
    {
        var prefix = RenderedLabels.Length == 0 ? "{" : string.Concat(RenderedLabels.AsSpan(0, RenderedLabels.Length - 1), ",");
        lock (_lock)
        {
            long cumulative = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                cumulative += asZero ? 0 : _counts[i];
                sb.Append(name).Append("_bucket").Append(prefix).Append("le=\"").Append(_leLabels[i]).Append("\"} ").Append(cumulative).Append('\n');
            }

            sb.Append(name).Append("_sum").Append(RenderedLabels).Append(' ');
            PrometheusText.AppendDouble(sb, asZero ? 0 : _sum);
            sb.Append('\n');
            sb.Append(name).Append("_count").Append(RenderedLabels).Append(' ').Append(asZero ? 0 : _count).Append('\n');
        }
    }
}
