using LlmOps.Processors.Model;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// Serves received OTLP metric points as <c>llmops_otlp_*</c> series: gauges set, monotonic sums become counters,
/// other sums gauges, explicit-bucket histograms histograms (bounds fixed by the first point). Labels are the
/// configured resource attributes plus the point's attributes, sanitised and capped.
/// <para>
/// A <em>stream</em> is what OpenTelemetry counts as one time series: one metric's points with one resource and one
/// attribute set. When labels cannot tell streams apart (a resource attribute not kept as a label, attributes past the
/// label cap, values cut at 256 characters, or the series cap sending them to <c>__overflow__</c>), several streams
/// share a series. Counters, histograms and non-monotonic sums then hold the sum of their streams: each cumulative
/// stream's last value is remembered and only its increase is added (a drop or a new start time is a reset: the whole
/// new value is added), so one stream's running total never overwrites another's. A gauge shows the latest point of
/// any of its streams. Each stream that joins a series another one already feeds is counted in
/// <see cref="MetricNames.OtlpStreamsMergedTotal"/>.
/// </para>
/// <para>
/// A cumulative stream seen for the first time adds its value only when it started counting after the horizon (the
/// mapper's start, moved forward whenever an idle stream is forgotten); otherwise, or without a start time, its first
/// point is only the baseline of later increases. A stream's earlier counts are never added twice, and a series
/// appears at 0 and grows by what was counted while the collector watched, which is what <c>rate()</c> needs.
/// </para>
/// <para>
/// A point flagged "no recorded value" (OTLP's staleness marker) ends its stream at once, as an idle one is ended, and
/// removes its series when no other stream feeds it: the next scrape no longer lists it, which Prometheus records as
/// stale; the series' next point starts it again.
/// </para>
/// Points that cannot be served are counted in <see cref="MetricNames.OtlpPointsRefusedTotal"/> by reason.
/// </summary>
internal sealed class OtlpMetricsMapper
{
    private const int MaxLabelValueLength = 256;

    private readonly MetricRegistry _registry;
    private readonly KpiMetricsExporterOptions _options;
    private readonly TimeProvider _time;
    private readonly CounterFamily _refused;
    private readonly CounterFamily _merged;
    private readonly Dictionary<(string Name, MetricType Type), MetricFamily?> _families = [];
    private readonly Dictionary<(string Name, string Unit, MetricType Type), (MetricFamily? Family, string? Refusal)> _byOtlpName = [];
    private readonly Dictionary<StreamKey, Stream> _streams = [];
    private readonly LinkedList<Stream> _leastRecent = new();
    private readonly Dictionary<MetricSeries, Feed> _feeds = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();
    private ulong[] _bucketDelta = new ulong[32];
    private long _horizonUnixNano;
    private AttributeList? _lastResource;
    private int _lastResourceHash;

    public OtlpMetricsMapper(MetricRegistry registry, KpiMetricsExporterOptions options, TimeProvider? timeProvider = null)
    {
        _registry = registry;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _horizonUnixNano = UnixNanos(_time.GetUtcNow());
        _refused = registry.Counter(MetricNames.OtlpPointsRefusedTotal, "Received OTLP metric points not served on /metrics, by reason.", [MetricNames.LabelReason], 32);
        _merged = registry.Counter(
            MetricNames.OtlpStreamsMergedTotal,
            "Received OTLP streams (one metric, resource and attribute set) served in a series another stream already feeds, by metric and reason (resource, attributes, series_cap).",
            [MetricNames.LabelMetric, MetricNames.LabelReason],
            1000);
    }

    /// <summary>Streams currently remembered.</summary>
    public int StreamCount
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    public void Apply(MetricPointRecord point) => Apply([point]);

    public void Apply(IReadOnlyList<MetricPointRecord> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        var now = UnixNanos(_time.GetUtcNow());
        lock (_lock)
        {
            ForgetIdle(now);
            for (var i = 0; i < points.Count; i++)
            {
                ApplyLocked(points[i], now);
            }
        }
    }

    private static long UnixNanos(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    private static MetricType? TypeOf(MetricPointRecord point) => point.Kind switch
    {
        MetricKind.Gauge => MetricType.Gauge,
        MetricKind.Sum => point.IsMonotonic ? MetricType.Counter : MetricType.Gauge,
        MetricKind.Histogram => MetricType.Histogram,
        _ => null,
    };

    private void ApplyLocked(MetricPointRecord point, long now)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.NoRecordedValue)
        {
            End(point, now);
            return;
        }

        if (TypeOf(point) is not { } type)
        {
            Refuse("unsupported_kind");
            return;
        }

        if (point.Kind == MetricKind.Histogram && point.BucketCounts.Count != point.ExplicitBounds.Count + 1)
        {
            Refuse("bad_buckets");
            return;
        }

        var family = Family(point, type);
        if (family is null)
        {
            return;
        }

        if (family is HistogramFamily h && !h.HasBounds(point.ExplicitBounds))
        {
            Refuse("bounds_changed");
            return;
        }

        var key = new StreamKey(family, point.Resource.Attributes, ResourceHash(point.Resource.Attributes), point.Attributes);
        var isNew = false;
        if (_streams.TryGetValue(key, out var stream))
        {
            _leastRecent.Remove(stream.Node);
            _leastRecent.AddLast(stream.Node);
        }
        else if (_streams.Count >= _options.MaxOtlpStreams)
        {
            Refuse("stream_cap");
            return;
        }
        else
        {
            stream = Open(key, family, point);
            isNew = true;
        }

        stream.LastSeenUnixNano = now;
        var delta = point.Temporality == 1;
        switch (stream.Series)
        {
            case CounterSeries counter when delta:
                counter.Add(point.Value);
                break;
            case CounterSeries counter when double.IsFinite(point.Value):
                var restarted = isNew || point.Value < stream.LastValue || Restarted(stream, point);
                counter.Add(!restarted ? point.Value - stream.LastValue : !isNew || CountsSinceHorizon(point) ? point.Value : 0);
                stream.LastValue = point.Value;
                break;
            case GaugeSeries gauge when point.Kind == MetricKind.Gauge:
                gauge.Set(point.Value);
                break;
            case GaugeSeries upDown when delta:
                upDown.Add(point.Value);
                break;
            case GaugeSeries upDown when double.IsFinite(point.Value):
                // A non-monotonic sum is a level: the series is the sum of its streams' current levels.
                upDown.Add(point.Value - stream.LastValue);
                stream.LastValue = point.Value;
                break;
            case HistogramSeries histogram:
                ApplyHistogram(histogram, stream, point, delta, isNew);
                break;
            default:
                break;
        }

        stream.StartUnixNano = point.StartTimeUnixNano;
    }

    private static bool Restarted(Stream stream, MetricPointRecord point) =>
        point.StartTimeUnixNano != 0 && stream.StartUnixNano != 0 && point.StartTimeUnixNano != stream.StartUnixNano;

    /// <summary>True when a new stream's counts all fall after the horizon, so none of them can have been added before.</summary>
    private bool CountsSinceHorizon(MetricPointRecord point) => point.StartTimeUnixNano > 0 && point.StartTimeUnixNano >= _horizonUnixNano;

    private void ApplyHistogram(HistogramSeries histogram, Stream stream, MetricPointRecord point, bool delta, bool isNew)
    {
        var buckets = point.BucketCounts;
        var sum = double.IsFinite(point.Value) ? point.Value : 0;
        if (delta)
        {
            histogram.Add(buckets, sum, point.Count);
            return;
        }

        var last = stream.LastBuckets ??= new ulong[buckets.Count];
        var restarted = isNew || point.Count < stream.LastCount || Restarted(stream, point);
        for (var i = 0; i < buckets.Count && !restarted; i++)
        {
            restarted = buckets[i] < last[i];
        }

        if (_bucketDelta.Length < buckets.Count)
        {
            _bucketDelta = new ulong[buckets.Count];
        }

        var add = !restarted || !isNew || CountsSinceHorizon(point);
        for (var i = 0; i < buckets.Count; i++)
        {
            _bucketDelta[i] = !add ? 0 : restarted ? buckets[i] : buckets[i] - last[i];
            last[i] = buckets[i];
        }

        if (add)
        {
            histogram.Add(new ArraySegment<ulong>(_bucketDelta, 0, buckets.Count), restarted ? sum : sum - stream.LastValue, restarted ? point.Count : point.Count - stream.LastCount);
        }

        stream.LastValue = sum;
        stream.LastCount = point.Count;
    }

    /// <summary>A stream seen for the first time: its series (labels built once), remembered until it goes idle.</summary>
    private Stream Open(StreamKey key, MetricFamily family, MetricPointRecord point)
    {
        var labels = Labels(point);
        MetricSeries series = family switch
        {
            CounterFamily c => c.WithLabels(labels),
            GaugeFamily g => g.WithLabels(labels),
            _ => ((HistogramFamily)family).WithLabels(labels),
        };
        var stream = new Stream(key, series);
        stream.Node = _leastRecent.AddLast(stream);
        _streams.Add(key, stream);
        var shared = _feeds.TryGetValue(series, out var feed);
        if (shared)
        {
            feed!.Streams++;
        }
        else
        {
            _feeds.Add(series, new Feed(stream));
        }

        // Every stream in __overflow__ lost its labels; elsewhere a stream that joins another one's series.
        if (IsOverflow(series))
        {
            _merged.WithLabels(family.Name, "series_cap").Add();
        }
        else if (shared)
        {
            _merged.WithLabels(family.Name, StreamKey.SameSet(feed!.First.Key.Resource, key.Resource) ? "attributes" : "resource").Add();
        }

        return stream;
    }

    private static bool IsOverflow(MetricSeries series) =>
        series.LabelValues.Count > 0 && series.LabelValues.All(v => string.Equals(v, MetricNames.OverflowValue, StringComparison.Ordinal));

    /// <summary>
    /// Forgets streams not seen for <see cref="KpiMetricsExporterOptions.OtlpStreamIdle"/> (a process gone, a label
    /// set no longer used): a non-monotonic sum takes its level out of the series; the horizon moves to now, so a
    /// forgotten stream that comes back is a baseline again and its counts are not added twice.
    /// </summary>
    private void ForgetIdle(long now)
    {
        var idleBefore = now - (long)(_options.OtlpStreamIdle.Ticks * 100);
        while (_leastRecent.First is { } node && node.Value.LastSeenUnixNano < idleBefore)
        {
            Forget(node.Value, now);
        }
    }

    /// <summary>
    /// A stream's staleness marker: the stream ends, and so does its series when no other stream feeds it. Never
    /// creates a metric or counts a refusal.
    /// </summary>
    private void End(MetricPointRecord point, long now)
    {
        if (TypeOf(point) is not { } type || KnownFamily(point, type) is not { } family)
        {
            return;
        }

        if (_streams.TryGetValue(new StreamKey(family, point.Resource.Attributes, ResourceHash(point.Resource.Attributes), point.Attributes), out var stream))
        {
            Forget(stream, now);
        }

        var labels = Labels(point);
        if (family.Find(labels) is { } series && !_feeds.ContainsKey(series))
        {
            family.Remove(labels);
        }
    }

    /// <summary>Forgets one stream: a non-monotonic sum's level leaves its series, and the horizon moves to now.</summary>
    private void Forget(Stream stream, long now)
    {
        _leastRecent.Remove(stream.Node);
        _streams.Remove(stream.Key);
        if (stream.Series is GaugeSeries upDown && stream.LastValue != 0)
        {
            upDown.Add(-stream.LastValue);
        }

        var feed = _feeds[stream.Series];
        if (--feed.Streams == 0)
        {
            _feeds.Remove(stream.Series);
        }
        else if (ReferenceEquals(feed.First, stream))
        {
            feed.First = _streams.Values.First(s => ReferenceEquals(s.Series, stream.Series));
        }

        _horizonUnixNano = Math.Max(_horizonUnixNano, now);
    }

    /// <summary>The family that serves the point's metric, if one does already.</summary>
    private MetricFamily? KnownFamily(MetricPointRecord point, MetricType type) =>
        _byOtlpName.TryGetValue((point.Name, point.Unit, type), out var known)
            ? known.Family
            : _families.GetValueOrDefault((MetricNameTranslator.Translate(MetricNames.OtlpPrefix, point.Name, point.Unit, type == MetricType.Counter), type));

    private int ResourceHash(AttributeList resource)
    {
        if (!ReferenceEquals(resource, _lastResource))
        {
            _lastResourceHash = StreamKey.SetHash(resource);
            _lastResource = resource;
        }

        return _lastResourceHash;
    }

    private MetricFamily? Family(MetricPointRecord point, MetricType type)
    {
        if (_byOtlpName.TryGetValue((point.Name, point.Unit, type), out var known))
        {
            if (known.Refusal is { } refusal)
            {
                Refuse(refusal);
            }

            return known.Family;
        }

        var name = MetricNameTranslator.Translate(MetricNames.OtlpPrefix, point.Name, point.Unit, type == MetricType.Counter);
        var (family, reason) = FamilyNamed(name, type, point);
        if (reason is not null)
        {
            Refuse(reason);
        }

        // Bounded: names past the metric cap are translated again rather than remembered without end.
        if (_byOtlpName.Count < (4 * _options.MaxOtlpMetrics) + 64)
        {
            _byOtlpName[(point.Name, point.Unit, type)] = (family, reason);
        }

        return family;
    }

    private (MetricFamily? Family, string? Refusal) FamilyNamed(string name, MetricType type, MetricPointRecord point)
    {
        if (_families.TryGetValue((name, type), out var known))
        {
            return (known, known is null ? "name_conflict" : null);
        }

        if (_families.Count >= _options.MaxOtlpMetrics)
        {
            return (null, "metric_cap");
        }

        MetricFamily? family = null;
        if (_registry.CanRegister(name, type))
        {
            var help = string.IsNullOrWhiteSpace(point.Description) ? $"OTLP metric {point.Name}" : point.Description;
            try
            {
                family = type switch
                {
                    MetricType.Counter => _registry.Counter(name, help, [], _options.MaxSeriesPerMetric),
                    MetricType.Gauge => _registry.Gauge(name, help, [], _options.MaxSeriesPerMetric),
                    _ => _registry.Histogram(name, help, point.ExplicitBounds, [], _options.MaxSeriesPerMetric),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                family = null;
            }
        }

        if (family is not null && type != MetricType.Gauge)
        {
            // A counter or histogram series is served at 0 first, so rate() counts what created it.
            family.NewSeriesAtZero = true;
        }

        _families[(name, type)] = family;
        return (family, family is null ? "name_conflict" : null);
    }

    private List<KeyValuePair<string, string>> Labels(MetricPointRecord point)
    {
        var labels = new List<KeyValuePair<string, string>>(8);
        foreach (var key in _options.ResourceAttributes)
        {
            if (point.Resource.Attributes.GetString(key) is { } v)
            {
                AddLabel(labels, key, v);
            }
        }

        foreach (var kv in point.Attributes)
        {
            AddLabel(labels, kv.Key, kv.Value.AsString() ?? AttrJson.ToPlainJson(kv.Value));
        }

        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return labels;
    }

    private void AddLabel(List<KeyValuePair<string, string>> labels, string key, string value)
    {
        // An empty value is no label in Prometheus (and must not take one of the series' label places).
        if (labels.Count >= _options.MaxLabelsPerSeries || value.Length == 0)
        {
            return;
        }

        var name = PrometheusText.Sanitize(key);
        if (!PrometheusText.IsValidLabelName(name) || name == MetricNames.LabelLe || labels.Exists(l => l.Key == name))
        {
            return;
        }

        labels.Add(new(name, value.Length > MaxLabelValueLength ? value[..MaxLabelValueLength] : value));
    }

    private void Refuse(string reason) => _refused.WithLabels(reason).Add();

    /// <summary>One stream's identity: its family, resource attributes and point attributes, compared as sets.</summary>
    private readonly struct StreamKey : IEquatable<StreamKey>
    {
        private readonly int _hash;

        public StreamKey(MetricFamily family, AttributeList resource, int resourceHash, AttributeList attributes)
        {
            Family = family;
            Resource = resource;
            Attributes = attributes;
            _hash = HashCode.Combine(family.Name, resourceHash, SetHash(attributes));
        }

        public MetricFamily Family { get; }

        public AttributeList Resource { get; }

        public AttributeList Attributes { get; }

        /// <summary>Independent of the attributes' order (senders do not promise one).</summary>
        public static int SetHash(AttributeList list)
        {
            var hash = list.Count;
            foreach (var kv in list)
            {
                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(kv.Key), kv.Value.GetHashCode());
            }

            return hash;
        }

        public static bool SameSet(AttributeList a, AttributeList b)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                // Same order is the usual case; otherwise look the attribute up.
                if (!Same(a[i], b[i]) && !Contains(b, a[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Contains(AttributeList list, KeyValuePair<string, AttrValue> item)
        {
            foreach (var kv in list)
            {
                if (Same(kv, item))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Equals(StreamKey other) =>
            _hash == other._hash && ReferenceEquals(Family, other.Family) && SameSet(Resource, other.Resource) && SameSet(Attributes, other.Attributes);

        public override bool Equals(object? obj) => obj is StreamKey other && Equals(other);

        public override int GetHashCode() => _hash;

        private static bool Same(KeyValuePair<string, AttrValue> x, KeyValuePair<string, AttrValue> y) =>
            string.Equals(x.Key, y.Key, StringComparison.Ordinal) && x.Value.Equals(y.Value);
    }

    private sealed class Stream(StreamKey key, MetricSeries series)
    {
        public StreamKey Key { get; } = key;

        public MetricSeries Series { get; } = series;

        public LinkedListNode<Stream> Node { get; set; } = null!;

        public long LastSeenUnixNano { get; set; }

        public long StartUnixNano { get; set; }

        /// <summary>The last cumulative value (a sum's value, a histogram's sum).</summary>
        public double LastValue { get; set; }

        public ulong LastCount { get; set; }

        public ulong[]? LastBuckets { get; set; }
    }

    /// <summary>The streams that feed one series: how many, and one of them (to say why a newcomer shares it).</summary>
    private sealed class Feed(Stream first)
    {
        public Stream First { get; set; } = first;

        public int Streams { get; set; } = 1;
    }
}
