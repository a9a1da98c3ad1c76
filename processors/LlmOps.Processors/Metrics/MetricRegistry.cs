using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// The metric families served on <c>/metrics</c>. Names are validated (counters end in <c>_total</c>; no other family
/// may produce a sample name another one already uses), each family's series are capped, and collect callbacks run
/// before each render to refresh computed gauges.
/// </summary>
internal sealed class MetricRegistry
{
    public const int DefaultMaxSeries = 2000;

    private static readonly string[] ReservedSuffixes = ["_total", "_bucket", "_sum", "_count"];

    private readonly List<MetricFamily> _families = [];
    private readonly Dictionary<string, MetricFamily> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sampleNames = new(StringComparer.Ordinal);
    private readonly List<Action> _collectors = [];
    private readonly Lock _lock = new();
    private readonly CounterFamily _overflow;
    private readonly GaugeFamily _seriesGauge;

    public MetricRegistry(int defaultMaxSeries = DefaultMaxSeries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultMaxSeries, 1);
        DefaultSeriesCap = defaultMaxSeries;
        _overflow = Counter(MetricNames.MetricsSeriesOverflowTotal, "Updates that went to a metric's overflow series because its series cap was reached.", [MetricNames.LabelMetric], 10_000);
        _seriesGauge = Gauge(MetricNames.MetricsSeries, "Series (sample lines) served on /metrics at the latest scrape; a histogram counts each bucket, _sum and _count.", []);
    }

    public int DefaultSeriesCap { get; }

    public IReadOnlyList<MetricFamily> Families
    {
        get
        {
            lock (_lock)
            {
                return [.. _families];
            }
        }
    }

    public CounterFamily Counter(string name, string help, string[] labelNames, int? maxSeries = null)
    {
        if (!name.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"counter '{name}' must end in _total", nameof(name));
        }

        return Register(name, help, MetricType.Counter, labelNames, [name], () => new CounterFamily(name, help, labelNames, maxSeries ?? DefaultSeriesCap));
    }

    public GaugeFamily Gauge(string name, string help, string[] labelNames, int? maxSeries = null) =>
        Register(name, help, MetricType.Gauge, labelNames, [name], () => new GaugeFamily(name, help, labelNames, maxSeries ?? DefaultSeriesCap));

    public HistogramFamily Histogram(string name, string help, IReadOnlyList<double> bounds, string[] labelNames, int? maxSeries = null)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        var b = bounds.ToArray();
        for (var i = 0; i < b.Length; i++)
        {
            if (!double.IsFinite(b[i]) || (i > 0 && b[i] <= b[i - 1]))
            {
                throw new ArgumentException($"histogram '{name}' bounds must be finite and strictly increasing", nameof(bounds));
            }
        }

        if (labelNames.Contains(MetricNames.LabelLe, StringComparer.Ordinal))
        {
            throw new ArgumentException($"histogram '{name}' must not use the reserved label 'le'", nameof(labelNames));
        }

        var family = Register(name, help, MetricType.Histogram, labelNames, [name + "_bucket", name + "_sum", name + "_count"], () => new HistogramFamily(name, help, b, labelNames, maxSeries ?? DefaultSeriesCap));
        if (!family.HasBounds(b))
        {
            throw new InvalidOperationException($"histogram '{name}' is already registered with other bounds");
        }

        return family;
    }

    public MetricFamily? Find(string name)
    {
        lock (_lock)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    /// <summary>True when registering <paramref name="name"/> as <paramref name="type"/> would not collide with another family's samples.</summary>
    public bool CanRegister(string name, MetricType type)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(name, out var existing))
            {
                return existing.Type == type;
            }

            string[] samples = type == MetricType.Histogram ? [name + "_bucket", name + "_sum", name + "_count"] : [name];
            return PrometheusText.IsValidMetricName(name) && !samples.Any(_sampleNames.Contains) && !_sampleNames.Contains(name);
        }
    }

    /// <summary>Runs before each render (e.g. to set computed gauges or observe instruments).</summary>
    public void AddCollector(Action collect)
    {
        ArgumentNullException.ThrowIfNull(collect);
        lock (_lock)
        {
            _collectors.Add(collect);
        }
    }

    /// <summary>Sample lines (series as Prometheus stores them) the next render serves, as <see cref="MetricNames.MetricsSeries"/> reports.</summary>
    public int SampleCount => Families.Sum(f => f.SampleCount);

    public void WriteTo(StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        Action[] collectors;
        lock (_lock)
        {
            collectors = [.. _collectors];
        }

        foreach (var collect in collectors)
        {
            collect();
        }

        // The gauge's own series exists before the count, so that it counts itself.
        var seriesGauge = _seriesGauge.WithLabels();
        var families = Families;
        var total = 0;
        foreach (var f in families)
        {
            total += f.SampleCount;
        }

        seriesGauge.Set(total);
        foreach (var f in families)
        {
            f.WriteTo(sb);
        }
    }

    public string Render()
    {
        var sb = new StringBuilder(64 * 1024);
        WriteTo(sb);
        return sb.ToString();
    }

    private TFamily Register<TFamily>(string name, string help, MetricType type, string[] labelNames, string[] samples, Func<TFamily> create)
        where TFamily : MetricFamily
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(help);
        ArgumentNullException.ThrowIfNull(labelNames);
        if (!PrometheusText.IsValidMetricName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name", nameof(name));
        }

        if (type != MetricType.Counter && ReservedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{name}': only counters may end in _total, and _bucket/_sum/_count belong to histograms", nameof(name));
        }

        if (labelNames.Distinct(StringComparer.Ordinal).Count() != labelNames.Length)
        {
            throw new ArgumentException($"'{name}' repeats a label name", nameof(labelNames));
        }

        foreach (var label in labelNames)
        {
            if (!PrometheusText.IsValidLabelName(label))
            {
                throw new ArgumentException($"'{label}' is not a valid label name for '{name}'", nameof(labelNames));
            }
        }

        lock (_lock)
        {
            if (_byName.TryGetValue(name, out var existing))
            {
                if (existing is TFamily same && existing.Type == type && existing.LabelNames.SequenceEqual(labelNames, StringComparer.Ordinal))
                {
                    return same;
                }

                throw new InvalidOperationException($"metric '{name}' is already registered as {existing.Type} with labels [{string.Join(",", existing.LabelNames)}]");
            }

            foreach (var s in samples)
            {
                if (_sampleNames.Contains(s))
                {
                    throw new InvalidOperationException($"metric '{name}' would produce samples named '{s}', which another metric already uses");
                }
            }

            var family = create();
            if (_overflow is not null)
            {
                family.OnOverflow = OnOverflow;
            }

            _families.Add(family);
            _byName.Add(name, family);
            foreach (var s in samples)
            {
                _sampleNames.Add(s);
            }

            return family;
        }
    }

    private void OnOverflow(string metric) => _overflow.WithLabels(metric).Add();
}
