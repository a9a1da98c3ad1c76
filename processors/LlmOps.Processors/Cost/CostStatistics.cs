using System.Collections.Concurrent;

namespace LlmOps.Processors.Cost;

/// <summary>What the cost processor could not price: counts per unknown model name (bounded), shared across reloads.</summary>
internal sealed class CostStatistics
{
    private readonly ConcurrentDictionary<string, long> _unknown = new(StringComparer.Ordinal);
    private long _unknownSpans;

    public long UnknownModelSpans => Interlocked.Read(ref _unknownSpans);

    public void RecordUnknown(string model, int maxModels)
    {
        Interlocked.Increment(ref _unknownSpans);
        if (_unknown.ContainsKey(model) || _unknown.Count < maxModels)
        {
            _unknown.AddOrUpdate(model, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Unknown model names with how many spans named them, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> UnknownModels() =>
        [.. _unknown.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];
}
