namespace LlmOps.Processors.Model;

/// <summary>One received metric data point, flattened with its metric's name, unit and kind.</summary>
internal sealed class MetricPointRecord
{
    /// <summary>OTLP <c>DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK</c>: the point is valid but carries no value (a staleness marker).</summary>
    public const uint NoRecordedValueFlag = 1;

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

    /// <summary>OTLP data point flags (<see cref="NoRecordedValueFlag"/>).</summary>
    public uint Flags { get; set; }

    /// <summary>True when the sender marked the point as having no recorded value: its value, count and buckets mean nothing.</summary>
    public bool NoRecordedValue => (Flags & NoRecordedValueFlag) != 0;
}
