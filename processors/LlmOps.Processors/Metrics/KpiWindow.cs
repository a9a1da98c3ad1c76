using LlmOps.Processors.Alerts;
using LlmOps.Processors.Drift;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// Per-minute aggregates of the last <see cref="Retention"/> (requests, errors, cost, latency buckets, context
/// relevance, hallucination checks), split by model and prompt version, in a ring: bounded memory, windows of any
/// length up to the retention, and the breakdown root-cause analysis needs. Times are arrival times.
/// </summary>
internal sealed class KpiWindow : IAlertDataSource
{
    public const int MaxSlicesPerMinute = 64;
    private const string OtherValue = "other";

    private readonly TimeProvider _timeProvider;
    private readonly double[] _latencyBounds;
    private readonly Slot[] _slots;
    private readonly Lock _lock = new();

    public KpiWindow(TimeProvider timeProvider, IReadOnlyList<double> latencyBounds, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(latencyBounds);
        _timeProvider = timeProvider;
        _latencyBounds = [.. latencyBounds];
        Retention = retention;
        _slots = new Slot[(int)Math.Ceiling(retention.TotalMinutes) + 1];
    }

    public TimeSpan Retention { get; }

    public string ContextRelevanceScore { get; set; } = "context_relevance";

    public string HallucinationScore { get; set; } = "hallucination";

    public double HallucinationThreshold { get; set; } = 0.5;

    public void RecordRequest(string? model, string? promptVersion, double durationSeconds, bool isError, double? costUsd)
    {
        lock (_lock)
        {
            var agg = Current(model, promptVersion);
            agg.Requests++;
            agg.Errors += isError ? 1 : 0;
            agg.Cost += costUsd is { } c && double.IsFinite(c) && c > 0 ? c : 0;
            if (double.IsFinite(durationSeconds) && durationSeconds >= 0)
            {
                var i = Array.BinarySearch(_latencyBounds, durationSeconds);
                agg.Latency[i >= 0 ? i : ~i]++;
                agg.LatencySum += durationSeconds;
                agg.LatencyCount++;
            }
        }
    }

    public void RecordScore(string? model, string? promptVersion, string scoreName, double value)
    {
        var relevance = string.Equals(scoreName, ContextRelevanceScore, StringComparison.Ordinal);
        var hallucination = string.Equals(scoreName, HallucinationScore, StringComparison.Ordinal);
        if ((!relevance && !hallucination) || !double.IsFinite(value))
        {
            return;
        }

        lock (_lock)
        {
            var agg = Current(model, promptVersion);
            if (relevance)
            {
                agg.RelevanceSum += value;
                agg.RelevanceCount++;
            }
            else
            {
                agg.HallucinationChecks++;
                agg.Hallucinations += value >= HallucinationThreshold ? 1 : 0;
            }
        }
    }

    public double? Value(AlertSignal signal, TimeSpan window, DateTimeOffset now)
    {
        var total = new Agg(_latencyBounds.Length + 1);
        lock (_lock)
        {
            foreach (var (_, agg) in Range(now - window, now))
            {
                total.AddFrom(agg);
            }
        }

        return Measure(signal, total);
    }

    public IReadOnlyList<SliceStats> Slices(AlertSignal signal, TimeSpan window, DateTimeOffset now)
    {
        var baseline = new Dictionary<(string, string), Agg>();
        var current = new Dictionary<(string, string), Agg>();
        lock (_lock)
        {
            Collect(baseline, now - window - window, now - window);
            Collect(current, now - window, now);
        }

        var result = new List<SliceStats>();
        foreach (var dimension in new[] { "model", "prompt_version" })
        {
            var b = Roll(baseline, dimension);
            var c = Roll(current, dimension);
            foreach (var value in b.Keys.Union(c.Keys))
            {
                var (bn, bs) = b.TryGetValue(value, out var bv) ? CountSum(signal, bv) : (0, 0);
                var (cn, cs) = c.TryGetValue(value, out var cv) ? CountSum(signal, cv) : (0, 0);
                if (bn > 0 || cn > 0)
                {
                    result.Add(new SliceStats(dimension, value, bn, bs, cn, cs));
                }
            }
        }

        return result;
    }

    private void Collect(Dictionary<(string, string), Agg> into, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var (key, agg) in Range(from, to))
        {
            if (!into.TryGetValue(key, out var sum))
            {
                sum = new Agg(_latencyBounds.Length + 1);
                into.Add(key, sum);
            }

            sum.AddFrom(agg);
        }
    }

    private Dictionary<string, Agg> Roll(Dictionary<(string Model, string Prompt), Agg> source, string dimension)
    {
        var result = new Dictionary<string, Agg>(StringComparer.Ordinal);
        foreach (var (key, agg) in source)
        {
            var value = dimension == "model" ? key.Model : key.Prompt;
            if (!result.TryGetValue(value, out var sum))
            {
                sum = new Agg(_latencyBounds.Length + 1);
                result.Add(value, sum);
            }

            sum.AddFrom(agg);
        }

        return result;
    }

    private static (double Count, double Sum) CountSum(AlertSignal signal, Agg a) => signal switch
    {
        AlertSignal.ContextRelevance => (a.RelevanceCount, a.RelevanceSum),
        AlertSignal.CostUsd => (a.Requests, a.Cost),
        AlertSignal.LatencyP95 => (a.LatencyCount, a.LatencySum),
        AlertSignal.ErrorRate => (a.Requests, a.Errors),
        _ => (a.HallucinationChecks, a.Hallucinations),
    };

    private double? Measure(AlertSignal signal, Agg a) => signal switch
    {
        AlertSignal.ContextRelevance => a.RelevanceCount == 0 ? null : a.RelevanceSum / a.RelevanceCount,
        AlertSignal.CostUsd => a.Requests == 0 ? null : a.Cost,
        AlertSignal.LatencyP95 => a.LatencyCount == 0 ? null : Quantile(0.95, a.Latency),
        AlertSignal.ErrorRate => a.Requests == 0 ? null : (double)a.Errors / a.Requests,
        _ => a.HallucinationChecks == 0 ? null : (double)a.Hallucinations / a.HallucinationChecks,
    };

    /// <summary>Prometheus' <c>histogram_quantile</c>: linear interpolation inside the bucket holding the rank.</summary>
    private double Quantile(double q, long[] buckets)
    {
        long total = 0;
        foreach (var b in buckets)
        {
            total += b;
        }

        var rank = q * total;
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            var before = cumulative;
            cumulative += buckets[i];
            if (cumulative >= rank && buckets[i] > 0)
            {
                if (i == buckets.Length - 1)
                {
                    return _latencyBounds.Length == 0 ? double.PositiveInfinity : _latencyBounds[^1];
                }

                var lower = i == 0 ? 0 : _latencyBounds[i - 1];
                var upper = _latencyBounds[i];
                return lower + ((upper - lower) * (rank - before) / buckets[i]);
            }
        }

        return _latencyBounds.Length == 0 ? 0 : _latencyBounds[^1];
    }

    private IEnumerable<((string, string) Key, Agg Agg)> Range(DateTimeOffset from, DateTimeOffset to)
    {
        var first = MinuteOf(from) + 1;
        var last = MinuteOf(to);
        if (last - first >= _slots.Length)
        {
            first = last - _slots.Length + 1;
        }

        for (var m = first; m <= last; m++)
        {
            var slot = _slots[(int)(m % _slots.Length)];
            if (slot is null || slot.Minute != m)
            {
                continue;
            }

            foreach (var kv in slot.Slices)
            {
                yield return (kv.Key, kv.Value);
            }
        }
    }

    private Agg Current(string? model, string? promptVersion)
    {
        var minute = MinuteOf(_timeProvider.GetUtcNow());
        var index = (int)(minute % _slots.Length);
        var slot = _slots[index];
        if (slot is null || slot.Minute != minute)
        {
            slot = new Slot(minute);
            _slots[index] = slot;
        }

        var key = (model ?? "unknown", promptVersion ?? "none");
        if (!slot.Slices.TryGetValue(key, out var agg))
        {
            if (slot.Slices.Count >= MaxSlicesPerMinute)
            {
                key = (OtherValue, OtherValue);
                if (slot.Slices.TryGetValue(key, out agg))
                {
                    return agg;
                }
            }

            agg = new Agg(_latencyBounds.Length + 1);
            slot.Slices.Add(key, agg);
        }

        return agg;
    }

    private static long MinuteOf(DateTimeOffset t) => t.ToUnixTimeSeconds() / 60;

    private sealed class Slot(long minute)
    {
        public long Minute { get; } = minute;

        public Dictionary<(string Model, string Prompt), Agg> Slices { get; } = [];
    }

    private sealed class Agg(int buckets)
    {
        public long Requests { get; set; }

        public long Errors { get; set; }

        public double Cost { get; set; }

        public long[] Latency { get; } = new long[buckets];

        public double LatencySum { get; set; }

        public long LatencyCount { get; set; }

        public double RelevanceSum { get; set; }

        public long RelevanceCount { get; set; }

        public long HallucinationChecks { get; set; }

        public long Hallucinations { get; set; }

        public void AddFrom(Agg o)
        {
            Requests += o.Requests;
            Errors += o.Errors;
            Cost += o.Cost;
            for (var i = 0; i < Latency.Length; i++)
            {
                Latency[i] += o.Latency[i];
            }

            LatencySum += o.LatencySum;
            LatencyCount += o.LatencyCount;
            RelevanceSum += o.RelevanceSum;
            RelevanceCount += o.RelevanceCount;
            HallucinationChecks += o.HallucinationChecks;
            Hallucinations += o.Hallucinations;
        }
    }
}
