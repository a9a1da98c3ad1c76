namespace LlmOps.Processors.Metrics;

/// <summary>Histograms with fixed, ascending, finite upper bounds (the <c>+Inf</c> bucket is implicit).</summary>
internal sealed class HistogramFamily : MetricFamilyOf<HistogramSeries>
{
    private readonly double[] _bounds;
    private readonly string[] _leLabels;

    public HistogramFamily(string name, string help, double[] bounds, string[] labelNames, int maxSeries)
        : base(name, help, MetricType.Histogram, labelNames, maxSeries)
    {
        _bounds = bounds;
        _leLabels = new string[bounds.Length + 1];
        for (var i = 0; i < bounds.Length; i++)
        {
            _leLabels[i] = PrometheusText.FormatDouble(bounds[i]);
        }

        _leLabels[^1] = "+Inf";
    }

    public IReadOnlyList<double> Bounds => _bounds;

    /// <summary>The buckets (bounds and <c>+Inf</c>), <c>_sum</c> and <c>_count</c>.</summary>
    protected override int SamplesPerSeries => _bounds.Length + 3;

    public bool HasBounds(IReadOnlyList<double> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Count != _bounds.Length)
        {
            return false;
        }

        for (var i = 0; i < bounds.Count; i++)
        {
            if (!bounds[i].Equals(_bounds[i]))
            {
                return false;
            }
        }

        return true;
    }

    protected override HistogramSeries Create(string[] names, string[] values) => new(names, values, _bounds, _leLabels);

    protected override bool IsReserved(string labelName) => string.Equals(labelName, MetricNames.LabelLe, StringComparison.Ordinal);
}
