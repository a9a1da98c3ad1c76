using System.Collections.Concurrent;

namespace LlmOps.Processors.Evaluation.Text;

/// <summary>
/// A bounded, thread-safe table of <see cref="WordInfo"/> keyed by lower-cased word and looked up by span, so
/// tokenising a known word allocates nothing and its stem and stop-word flag are computed once per process.
/// When full, new words get a fresh, unremembered entry.
/// </summary>
internal static class WordTable
{
    private const int Capacity = 100_000;
    private static readonly ConcurrentDictionary<string, WordInfo> Table = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The entry for a lower-cased word.</summary>
    public static WordInfo Get(ReadOnlySpan<char> word)
    {
        if (BySpan.TryGetValue(word, out var info))
        {
            return info;
        }

        info = new WordInfo(word.ToString());
        return Table.Count < Capacity ? Table.GetOrAdd(info.Text, info) : info;
    }
}
