namespace LlmOps.Processors.Model;

/// <summary>One received metric data point, flattened with its metric's name, unit and kind.</summary>
internal sealed class MetricPointRecord
{
    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string Unit { get; set; } = string.Empty;

    public MetricKind Kind { get; set; }

    /// <summary>1 delta, 2 cumulative, 0 unspecified (OTLP numbering).</summary>
    public int Temporality { get; set; }

    public bool IsMonotonic { get; set; }

    public AttributeList Attributes { get; set; } = [];

    public ResourceInfo Resource { get; set; } = new();

    public long StartTimeUnixNano { get; set; }

    public long TimeUnixNano { get; set; }

    /// <summary>Gauge/sum value; histogram and summary sum.</summary>
    public double Value { get; set; }

    public ulong Count { get; set; }

    public IReadOnlyList<double> ExplicitBounds { get; set; } = [];

    public IReadOnlyList<ulong> BucketCounts { get; set; } = [];
}
