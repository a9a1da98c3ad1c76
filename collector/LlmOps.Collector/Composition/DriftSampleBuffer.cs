using LlmOps.Processors.Drift;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Evaluator scores with the dimensions drift analysis splits by (model, prompt version, data source, user segment,
/// retrieval settings, documents, provider), kept as a time-stratified sample: for each score name and time slice
/// (<see cref="Slice"/>: a sixtieth of the current drift window, one minute by default) at most
/// <see cref="PerSlice"/> scores, chosen uniformly at random from all of that slice's (reservoir sampling), and at most
/// <see cref="Capacity"/> in all (the oldest slices go first). At low rates every score is kept; at high rates the
/// sample still spans the whole baseline window instead of only the last few minutes, memory stays bounded, and a
/// score that is not kept costs no allocation.
/// </summary>
internal sealed class DriftSampleBuffer
{
    public const int DefaultCapacity = 1_000_000;
    public const int DefaultPerSlice = 30;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Dictionary<string, Reservoir>> _slices = [];
    private readonly Random _random;
    private long _offered;
    private long _count;

    public DriftSampleBuffer()
        : this(TimeSpan.FromMinutes(1), DefaultCapacity, DefaultPerSlice, seed: null)
    {
    }

    public DriftSampleBuffer(TimeSpan slice, int capacity, int perSlice, int? seed)
    {
        Slice = slice < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : slice;
        Capacity = Math.Max(1, capacity);
        PerSlice = Math.Max(1, perSlice);
        _random = seed is { } s ? new Random(s) : new Random();
    }

    public TimeSpan Slice { get; }

    public int Capacity { get; }

    public int PerSlice { get; }

    /// <summary>The slice for a current drift window: a sixtieth of it, at most one minute.</summary>
    public static TimeSpan SliceFor(TimeSpan currentWindow) =>
        currentWindow / 60 > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : currentWindow / 60;

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
        var slice = time.ToUnixTimeMilliseconds() / (long)Slice.TotalMilliseconds;
        lock (_gate)
        {
            _offered++;
            if (!_slices.TryGetValue(slice, out var names))
            {
                if (_count >= Capacity && _slices.Count > 0 && slice < _slices.Keys.First())
                {
                    return; // Older than everything kept while full: it would be the first to go.
                }

                _slices[slice] = names = new Dictionary<string, Reservoir>(StringComparer.Ordinal);
            }

            if (!names.TryGetValue(scoreName, out var reservoir))
            {
                names[scoreName] = reservoir = new Reservoir();
            }

            reservoir.Seen++;
            if (reservoir.Samples.Count < PerSlice)
            {
                reservoir.Samples.Add(create(state));
                _count++;
                EvictOldest();
            }
            else
            {
                var slot = _random.NextInt64(reservoir.Seen);
                if (slot < PerSlice)
                {
                    reservoir.Samples[(int)slot] = create(state);
                }
            }
        }
    }

    public IReadOnlyList<ScoreSample> Snapshot(DateTimeOffset since)
    {
        var first = since.ToUnixTimeMilliseconds() / (long)Slice.TotalMilliseconds;
        lock (_gate)
        {
            var list = new List<ScoreSample>((int)Math.Min(_count, int.MaxValue));
            foreach (var (slice, names) in _slices)
            {
                if (slice < first)
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
        while (_count > Capacity && _slices.Count > 1)
        {
            var oldest = _slices.Keys.First();
            foreach (var reservoir in _slices[oldest].Values)
            {
                _count -= reservoir.Samples.Count;
            }

            _slices.Remove(oldest);
        }
    }

    private sealed class Reservoir
    {
        public long Seen;
        public readonly List<ScoreSample> Samples = [];
    }
}
