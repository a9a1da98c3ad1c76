namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Counts n-grams of small integer ids (at most 6 ids of 20 bits each) packed exactly into a 128-bit key.
/// </summary>
internal static class NGramCounter
{
    public const int MaxOrder = 6;
    private const int BitsPerId = 20;

    public static UInt128 Key(ReadOnlySpan<int> ids)
    {
        UInt128 key = 0;
        foreach (var id in ids)
        {
            key = (key << BitsPerId) | (uint)id;
        }

        return key;
    }

    /// <summary>Maps each token to a dense id shared through <paramref name="vocabulary"/>.</summary>
    public static int[] ToIds(IReadOnlyList<string> tokens, Dictionary<string, int> vocabulary)
    {
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!vocabulary.TryGetValue(tokens[i], out var id))
            {
                id = vocabulary.Count + 1;
                if (id >= 1 << BitsPerId)
                {
                    throw new InvalidOperationException("too many distinct tokens for n-gram packing");
                }

                vocabulary.Add(tokens[i], id);
            }

            ids[i] = id;
        }

        return ids;
    }

    /// <summary>Counts all n-grams of order <paramref name="n"/>.</summary>
    public static Dictionary<UInt128, int> Count(ReadOnlySpan<int> ids, int n)
    {
        var counts = new Dictionary<UInt128, int>(Math.Max(0, ids.Length - n + 1));
        for (var i = 0; i + n <= ids.Length; i++)
        {
            var key = Key(ids.Slice(i, n));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
