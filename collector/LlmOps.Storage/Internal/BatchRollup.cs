using LlmOps.Processors.Model;

namespace LlmOps.Storage.Internal;

/// <summary>Per-batch, in-memory aggregation of newly stored spans by trace (so the database sees one UPSERT per trace).</summary>
internal sealed class BatchRollup
{
    private readonly Dictionary<string, TraceRollup> _traces = new(StringComparer.Ordinal);

    public int Count => _traces.Count;

    public void Add(SpanRecord span)
    {
        if (!_traces.TryGetValue(span.TraceId, out var rollup))
        {
            rollup = new TraceRollup(span.TraceId);
            _traces.Add(span.TraceId, rollup);
        }

        rollup.Add(span);
    }

    /// <summary>Rollups ordered by trace id (a fixed lock order keeps concurrent writers free of deadlocks).</summary>
    public List<TraceRollup> Ordered()
    {
        var list = new List<TraceRollup>(_traces.Values);
        list.Sort(static (a, b) => string.CompareOrdinal(a.TraceId, b.TraceId));
        return list;
    }

    public void Clear() => _traces.Clear();
}
