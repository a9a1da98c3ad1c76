using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>Series storage shared by counters, gauges and histograms.</summary>
internal abstract class MetricFamilyOf<TSeries> : MetricFamily
    where TSeries : MetricSeries
{
    private readonly Dictionary<LabelKey, TSeries> _series = [];
    private readonly string[] _labelNames;
    private readonly Lock _lock = new();
    private TSeries? _overflow;

    protected MetricFamilyOf(string name, string help, MetricType type, string[] labelNames, int maxSeries)
        : base(name, help, type, labelNames, maxSeries)
    {
        _labelNames = labelNames;
    }

    public override int SeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _series.Count + (_overflow is null ? 0 : 1);
            }
        }
    }

    /// <summary>The series for these values of <see cref="MetricFamily.LabelNames"/> (null values become empty).</summary>
    public TSeries WithLabels(params string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _labelNames.Length)
        {
            throw new ArgumentException($"{Name} takes {_labelNames.Length} label values, got {values.Length}", nameof(values));
        }

        var copy = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            copy[i] = values[i] ?? string.Empty;
        }

        return GetOrAdd(new LabelKey(_labelNames, copy));
    }

    /// <summary>
    /// The series for an explicit label set (names must be valid label names; used for received metrics). Labels with
    /// an empty value are left out: Prometheus reads <c>a=""</c> as no label <c>a</c>, so serving both would make two
    /// series Prometheus cannot tell apart.
    /// </summary>
    public TSeries WithLabels(IReadOnlyList<KeyValuePair<string, string>> labels) => GetOrAdd(KeyOf(labels));

    /// <summary>Removes the series of an explicit label set (empty values left out as above); true when it existed.</summary>
    public override bool Remove(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var key = KeyOf(labels);
        lock (_lock)
        {
            return _series.Remove(key);
        }
    }

    public override MetricSeries? Find(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var key = KeyOf(labels);
        lock (_lock)
        {
            return _series.GetValueOrDefault(key);
        }
    }

    private LabelKey KeyOf(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var count = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (!PrometheusText.IsValidLabelName(labels[i].Key) || IsReserved(labels[i].Key))
            {
                throw new ArgumentException($"'{labels[i].Key}' is not a valid label name for {Name}", nameof(labels));
            }

            count += string.IsNullOrEmpty(labels[i].Value) ? 0 : 1;
        }

        var names = new string[count];
        var values = new string[count];
        var j = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (!string.IsNullOrEmpty(labels[i].Value))
            {
                names[j] = labels[i].Key;
                values[j++] = labels[i].Value;
            }
        }

        return new LabelKey(names, values);
    }

    /// <summary>Removes one series; true when it existed.</summary>
    public bool Remove(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_lock)
        {
            return _series.Remove(new LabelKey(_labelNames, values));
        }
    }

    public override void Clear()
    {
        lock (_lock)
        {
            _series.Clear();
            _overflow = null;
        }
    }

    public IReadOnlyList<TSeries> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<TSeries>(_series.Count + 1);
            list.AddRange(_series.Values);
            if (_overflow is not null)
            {
                list.Add(_overflow);
            }

            return list;
        }
    }

    public override void WriteTo(StringBuilder sb)
    {
        lock (_lock)
        {
            if (_series.Count == 0 && _overflow is null)
            {
                return;
            }

            WriteHeader(sb);
            foreach (var s in _series.Values)
            {
                s.WriteSamples(sb, Name, NewSeriesAtZero && s.TakeFirstExposition());
            }

            _overflow?.WriteSamples(sb, Name, NewSeriesAtZero && _overflow.TakeFirstExposition());
        }
    }

    protected abstract TSeries Create(string[] names, string[] values);

    protected virtual bool IsReserved(string labelName) => false;

    private TSeries GetOrAdd(LabelKey key)
    {
        TSeries? overflow = null;
        lock (_lock)
        {
            if (_series.TryGetValue(key, out var existing))
            {
                return existing;
            }

            if (_series.Count < MaxSeries)
            {
                var created = Create(key.Names, key.Values);
                _series.Add(key, created);
                return created;
            }

            if (_overflow is null)
            {
                var values = new string[key.Names.Length];
                Array.Fill(values, MetricNames.OverflowValue);
                _overflow = Create(key.Names, values);
            }

            overflow = _overflow;
        }

        OnOverflow?.Invoke(Name);
        return overflow;
    }
}
