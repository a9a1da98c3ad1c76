using LlmOps.Processors.Model;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// Serves received OTLP metric points as <c>llmops_otlp_*</c> series: gauges set, monotonic sums become counters
/// (cumulative set, delta added), other sums gauges, explicit-bucket histograms histograms (bounds fixed by the
/// first point). Labels are the allowed resource attributes plus the point's attributes, sanitised and capped.
/// Points that cannot be served are counted in <see cref="MetricNames.OtlpPointsRefusedTotal"/> by reason. A point
/// flagged "no recorded value" (OTLP's staleness marker) removes its series instead of setting it: the next scrape
/// no longer lists it, which Prometheus records as stale; the series' next point starts it again.
/// </summary>
internal sealed class OtlpMetricsMapper
{
    private readonly MetricRegistry _registry;
    private readonly KpiMetricsExporterOptions _options;
    private readonly CounterFamily _refused;
    private readonly Dictionary<(string Name, MetricType Type), MetricFamily?> _families = [];
    private readonly Lock _lock = new();

    public OtlpMetricsMapper(MetricRegistry registry, KpiMetricsExporterOptions options)
    {
        _registry = registry;
        _options = options;
        _refused = registry.Counter(MetricNames.OtlpPointsRefusedTotal, "Received OTLP metric points not served on /metrics, by reason.", [MetricNames.LabelReason], 32);
    }

    public void Apply(MetricPointRecord point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.NoRecordedValue)
        {
            Forget(point);
            return;
        }

        var delta = point.Temporality == 1;
        switch (point.Kind)
        {
            case MetricKind.Gauge:
                if (Family(point, MetricType.Gauge, isCounter: false) is GaugeFamily g)
                {
                    g.WithLabels(Labels(point)).Set(point.Value);
                }

                break;
            case MetricKind.Sum when point.IsMonotonic:
                if (Family(point, MetricType.Counter, isCounter: true) is CounterFamily c)
                {
                    var series = c.WithLabels(Labels(point));
                    if (delta)
                    {
                        series.Add(point.Value);
                    }
                    else
                    {
                        series.Set(point.Value);
                    }
                }

                break;
            case MetricKind.Sum:
                if (Family(point, MetricType.Gauge, isCounter: false) is GaugeFamily s)
                {
                    var series = s.WithLabels(Labels(point));
                    if (delta)
                    {
                        series.Add(point.Value);
                    }
                    else
                    {
                        series.Set(point.Value);
                    }
                }

                break;
            case MetricKind.Histogram:
                if (point.BucketCounts.Count != point.ExplicitBounds.Count + 1)
                {
                    Refuse("bad_buckets");
                    return;
                }

                if (Family(point, MetricType.Histogram, isCounter: false) is HistogramFamily h)
                {
                    if (!h.HasBounds(point.ExplicitBounds))
                    {
                        Refuse("bounds_changed");
                        return;
                    }

                    h.WithLabels(Labels(point)).Apply(point.BucketCounts, point.Value, point.Count, delta);
                }

                break;
            default:
                Refuse("unsupported_kind");
                break;
        }
    }

    /// <summary>Removes the series a no-value point names, if it is served; never creates a metric or counts a refusal.</summary>
    private void Forget(MetricPointRecord point)
    {
        (MetricType Type, bool IsCounter)? shape = point.Kind switch
        {
            MetricKind.Gauge => (MetricType.Gauge, false),
            MetricKind.Sum => point.IsMonotonic ? (MetricType.Counter, true) : (MetricType.Gauge, false),
            MetricKind.Histogram => (MetricType.Histogram, false),
            _ => null,
        };
        if (shape is not { } s)
        {
            return;
        }

        MetricFamily? family;
        lock (_lock)
        {
            _families.TryGetValue((FamilyName(point, s.IsCounter), s.Type), out family);
        }

        family?.Remove(Labels(point));
    }

    private static string FamilyName(MetricPointRecord point, bool isCounter) =>
        MetricNameTranslator.Translate(MetricNames.OtlpPrefix, point.Name, point.Unit, isCounter);

    private MetricFamily? Family(MetricPointRecord point, MetricType type, bool isCounter)
    {
        var name = FamilyName(point, isCounter);
        lock (_lock)
        {
            if (_families.TryGetValue((name, type), out var known))
            {
                if (known is null)
                {
                    Refuse("name_conflict");
                }

                return known;
            }

            if (_families.Count >= _options.MaxOtlpMetrics)
            {
                Refuse("metric_cap");
                return null;
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

            _families[(name, type)] = family;
            if (family is null)
            {
                Refuse("name_conflict");
            }

            return family;
        }
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

        labels.Add(new(name, value.Length > 256 ? value[..256] : value));
    }

    private void Refuse(string reason) => _refused.WithLabels(reason).Add();
}
