using LlmOps.Processors.Drift;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Evaluator scores with the dimensions drift analysis splits by (model, prompt version, data source, user segment,
/// retrieval settings, documents, provider), kept as a time-stratified sample: for each score name and minute at most
/// <see cref="PerMinute"/> scores, chosen uniformly at random from all of that minute's (reservoir sampling), and at
/// most <see cref="Capacity"/> in all (the oldest minutes go first). At low rates every score is kept; at high rates
/// the sample still spans the whole baseline window instead of only the last few minutes, memory stays bounded, and a
/// score that is not kept costs no allocation.
/// </summary>
internal sealed class DriftSampleBuffer
{
    public const int DefaultCapacity = 1_000_000;
    public const int DefaultPerMinute = 30;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Dictionary<string, Reservoir>> _minutes = [];
    private readonly Random _random;
    private long _offered;
    private long _count;

    public DriftSampleBuffer()
        : this(DefaultCapacity, DefaultPerMinute, seed: null)
    {
    }

    public DriftSampleBuffer(int capacity, int perMinute, int? seed)
    {
        Capacity = Math.Max(1, capacity);
        PerMinute = Math.Max(1, perMinute);
        _random = seed is { } s ? new Random(s) : new Random();
    }

    public int Capacity { get; }

    public int PerMinute { get; }

    /// <summary>Scores offered so far, kept or not.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Scores held now.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Add(ScoreSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Add(sample.ScoreName, sample.Time, sample, static s => s);
    }

    /// <summary>Offers a score; <paramref name="create"/> runs only when the sample keeps it.</summary>
    public void Add<TState>(string scoreName, DateTimeOffset time, TState state, Func<TState, ScoreSample> create)
    {
        ArgumentNullException.ThrowIfNull(scoreName);
        ArgumentNullException.ThrowIfNull(create);
        var minute = time.ToUnixTimeMilliseconds() / 60_000;
        lock (_gate)
        {
            _offered++;
            if (!_minutes.TryGetValue(minute, out var names))
            {
                if (_count >= Capacity && _minutes.Count > 0 && minute < _minutes.Keys.First())
                {
                    return; // Older than everything kept while full: it would be the first to go.
                }

                _minutes[minute] = names = new Dictionary<string, Reservoir>(StringComparer.Ordinal);
            }

            if (!names.TryGetValue(scoreName, out var reservoir))
            {
                names[scoreName] = reservoir = new Reservoir();
            }

            reservoir.Seen++;
            if (reservoir.Samples.Count < PerMinute)
            {
                reservoir.Samples.Add(create(state));
                _count++;
                EvictOldest();
            }
            else
            {
                var slot = _random.NextInt64(reservoir.Seen);
                if (slot < PerMinute)
                {
                    reservoir.Samples[(int)slot] = create(state);
                }
            }
        }
    }

    public IReadOnlyList<ScoreSample> Snapshot(DateTimeOffset since)
    {
        var first = since.ToUnixTimeMilliseconds() / 60_000;
        lock (_gate)
        {
            var list = new List<ScoreSample>((int)Math.Min(_count, int.MaxValue));
            foreach (var (minute, names) in _minutes)
            {
                if (minute < first)
                {
                    continue;
                }

                foreach (var reservoir in names.Values)
                {
                    foreach (var s in reservoir.Samples)
                    {
                        if (s.Time >= since)
                        {
                            list.Add(s);
                        }
                    }
                }
            }

            return list;
        }
    }

    private void EvictOldest()
    {
        while (_count > Capacity && _minutes.Count > 1)
        {
            var oldest = _minutes.Keys.First();
            foreach (var reservoir in _minutes[oldest].Values)
            {
                _count -= reservoir.Samples.Count;
            }

            _minutes.Remove(oldest);
        }
    }

    private sealed class Reservoir
    {
        public long Seen;
        public readonly List<ScoreSample> Samples = [];
    }
}
