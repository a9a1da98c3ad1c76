using LlmOps.Processors.Drift;

namespace LlmOps.Collector.Composition;

/// <summary>
/// The most recent evaluator scores with the dimensions drift analysis splits by (model, prompt version, data
/// source, user segment, retrieval settings, documents, provider), bounded in memory.
/// </summary>
internal sealed class DriftSampleBuffer
{
    private readonly Lock _gate = new();
    private readonly ScoreSample[] _ring;
    private long _written;

    public DriftSampleBuffer(int capacity = 1_000_000) => _ring = new ScoreSample[Math.Max(1, capacity)];

    public long Written => Interlocked.Read(ref _written);

    public void Add(ScoreSample sample)
    {
        lock (_gate)
        {
            _ring[_written % _ring.Length] = sample;
            _written++;
        }
    }

    public IReadOnlyList<ScoreSample> Snapshot(DateTimeOffset since)
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_written, _ring.Length);
            var list = new List<ScoreSample>(count);
            for (var i = 0; i < count; i++)
            {
                var s = _ring[(_written - count + i) % _ring.Length];
                if (s is not null && s.Time >= since)
                {
                    list.Add(s);
                }
            }

            return list;
        }
    }
}
