namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// The trace ids of the retrieval spans this process received recently, so that a chat span whose trace has none
/// is scored without asking the store. Only trace ids are kept (bounded, oldest out first), not documents. A trace
/// absent from the set is known to have no retrieval span only when the chat span was scheduled at least
/// <see cref="Margin"/> after the newest eviction (or after start): a retrieval span precedes its chat span by far
/// less than that, so one received earlier would still be in the set. Meaningful only where every span of a trace
/// passes through this process (one collector on its embedded store); with replicas the store is always asked.
/// </summary>
internal sealed class RecentRetrievals
{
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly HashSet<string> _traces = new(StringComparer.Ordinal);
    private readonly Queue<(string TraceId, long At)> _order = new();
    private readonly Lock _gate = new();
    private readonly int _capacity;
    private long _evictedAt;

    public RecentRetrievals(int capacity, long startTimestamp)
    {
        _capacity = Math.Max(1, capacity);
        _evictedAt = startTimestamp;
    }

    /// <summary>Remembers that <paramref name="traceId"/> has a retrieval span, received at <paramref name="timestamp"/>.</summary>
    public void Add(string traceId, long timestamp)
    {
        lock (_gate)
        {
            if (!_traces.Add(traceId))
            {
                return;
            }

            _order.Enqueue((traceId, timestamp));
            while (_order.Count > _capacity)
            {
                var (old, at) = _order.Dequeue();
                _traces.Remove(old);
                _evictedAt = Math.Max(_evictedAt, at);
            }
        }
    }

    /// <summary>
    /// True when the set answers for a span scheduled at <paramref name="scheduledAt"/>; then <paramref name="hasRetrieval"/>
    /// says whether its trace has a retrieval span. False means: ask the store.
    /// </summary>
    public bool TryAnswer(string traceId, long scheduledAt, TimeProvider time, out bool hasRetrieval)
    {
        lock (_gate)
        {
            hasRetrieval = _traces.Contains(traceId);
            return hasRetrieval || time.GetElapsedTime(_evictedAt, scheduledAt) >= Margin;
        }
    }
}
