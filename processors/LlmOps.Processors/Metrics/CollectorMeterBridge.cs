using System.Diagnostics.Metrics;
using System.Globalization;
using LlmOps.Sdk;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// Listens to the collector's own instruments (Meter <see cref="SemanticConventions.CollectorMeterName"/>) and keeps
/// them in a <see cref="MetricRegistry"/>: counters add, up-down counters and gauges set, histograms observe (with the
/// instrument's advised bucket boundaries when present). Observable instruments are read at each render. Tags become
/// labels (at most <see cref="MaxLabels"/>); every family keeps the registry's series cap. With runtime metrics on, the
/// .NET runtime's own meter (<see cref="RuntimeMeterName"/>: GC collections and pause time, heap, thread pool, CPU) is
/// served the same way, e.g. <c>dotnet_gc_pause_time_seconds_total</c>.
/// </summary>
internal sealed class CollectorMeterBridge : IDisposable
{
    public const int MaxLabels = 8;

    /// <summary>The meter the .NET runtime publishes its own instruments on.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// Runtime instruments published as <c>ObservableCounter</c> although their values go down (the semantic
    /// conventions define them as up-down counters): served as gauges, since a Prometheus counter that drops reads as
    /// a reset.
    /// </summary>
    private static readonly HashSet<string> RuntimeUpDownCounters = new(StringComparer.Ordinal)
    {
        "dotnet.thread_pool.thread.count",
        "dotnet.thread_pool.queue.length",
    };

    private static readonly double[] SecondsBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MetricRegistry _registry;
    private readonly string _meterName;
    private readonly bool _runtimeMetrics;
    private readonly MeterListener _listener;

    public CollectorMeterBridge(MetricRegistry registry, string? version = null, string meterName = SemanticConventions.CollectorMeterName, bool runtimeMetrics = false)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _meterName = meterName;
        _runtimeMetrics = runtimeMetrics;
        registry.Gauge(MetricNames.BuildInfo, "LlmOps collector build; the value is always 1.", [MetricNames.LabelVersion])
            .WithLabels(version ?? typeof(CollectorMeterBridge).Assembly.GetName().Version?.ToString() ?? "unknown").Set(1);
        _listener = new MeterListener
        {
            InstrumentPublished = OnPublished,
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => ((Sink)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => ((Sink)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, state) => ((Sink)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, state) => ((Sink)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => ((Sink)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => ((Sink)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, state) => ((Sink)state!).Record((double)v, tags));
        _listener.Start();
        registry.AddCollector(_listener.RecordObservableInstruments);
    }

    public void Dispose() => _listener.Dispose();

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        if (!string.Equals(instrument.Meter.Name, _meterName, StringComparison.Ordinal)
            && !(_runtimeMetrics && string.Equals(instrument.Meter.Name, RuntimeMeterName, StringComparison.Ordinal)))
        {
            return;
        }

        var sink = CreateSink(instrument);
        if (sink is not null)
        {
            listener.EnableMeasurementEvents(instrument, sink);
        }
    }

    private Sink? CreateSink(Instrument instrument)
    {
        var def = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        var upDown = def == typeof(UpDownCounter<>) || def == typeof(ObservableUpDownCounter<>)
            || (string.Equals(instrument.Meter.Name, RuntimeMeterName, StringComparison.Ordinal) && RuntimeUpDownCounters.Contains(instrument.Name));
        try
        {
            if (!upDown && (def == typeof(Counter<>) || def == typeof(ObservableCounter<>)))
            {
                var name = MetricNameTranslator.Translate(string.Empty, instrument.Name, instrument.Unit, isCounter: true);
                return _registry.CanRegister(name, MetricType.Counter) ? new Sink(_registry.Counter(name, help, []), def == typeof(ObservableCounter<>)) : null;
            }

            if (upDown || def == typeof(ObservableGauge<>) || def == typeof(Gauge<>))
            {
                var name = MetricNameTranslator.Translate(string.Empty, instrument.Name, instrument.Unit, isCounter: false);
                return _registry.CanRegister(name, MetricType.Gauge) ? new Sink(_registry.Gauge(name, help, []), set: def != typeof(UpDownCounter<>)) : null;
            }

            if (def == typeof(Histogram<>))
            {
                var name = MetricNameTranslator.Translate(string.Empty, instrument.Name, instrument.Unit, isCounter: false);
                var bounds = AdvisedBounds(instrument) ?? (string.Equals(instrument.Unit, "s", StringComparison.Ordinal) ? SecondsBounds : DefaultBounds);
                return _registry.CanRegister(name, MetricType.Histogram) ? new Sink(_registry.Histogram(name, help, bounds, []), set: false) : null;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // A name that cannot be served (collision, invalid bounds) is left out rather than breaking /metrics.
            return null;
        }

        return null;
    }

    private static double[]? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> d => d.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<float> f => f.Advice?.HistogramBucketBoundaries?.Select(x => (double)x).ToArray(),
        Histogram<long> l => l.Advice?.HistogramBucketBoundaries?.Select(x => (double)x).ToArray(),
        Histogram<int> i => i.Advice?.HistogramBucketBoundaries?.Select(x => (double)x).ToArray(),
        _ => null,
    };

    /// <summary>Where one instrument's measurements go.</summary>
    private sealed class Sink
    {
        private readonly MetricFamily _family;
        private readonly bool _set;

        public Sink(MetricFamily family, bool set)
        {
            _family = family;
            _set = set;
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = Labels(tags);
            switch (_family)
            {
                case CounterFamily c:
                    var cs = c.WithLabels(labels);
                    if (_set)
                    {
                        cs.Set(value);
                    }
                    else
                    {
                        cs.Add(value);
                    }

                    break;
                case GaugeFamily g:
                    var gs = g.WithLabels(labels);
                    if (_set)
                    {
                        gs.Set(value);
                    }
                    else
                    {
                        gs.Add(value);
                    }

                    break;
                case HistogramFamily h:
                    h.WithLabels(labels).Observe(value);
                    break;
                default:
                    break;
            }
        }

        private static List<KeyValuePair<string, string>> Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var list = new List<KeyValuePair<string, string>>(Math.Min(tags.Length, MaxLabels));
            foreach (var tag in tags)
            {
                if (list.Count >= MaxLabels)
                {
                    break;
                }

                var name = PrometheusText.Sanitize(tag.Key);
                if (!PrometheusText.IsValidLabelName(name) || name == MetricNames.LabelLe || list.Exists(l => l.Key == name))
                {
                    continue;
                }

                list.Add(new(name, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty));
            }

            list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return list;
        }
    }
}
