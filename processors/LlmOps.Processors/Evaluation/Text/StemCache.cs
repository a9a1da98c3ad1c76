using System.Collections.Concurrent;

namespace LlmOps.Processors.Evaluation.Text;

/// <summary>
/// A bounded, thread-safe memo of Porter stems: evaluator traffic repeats a small vocabulary, so the
/// stemmer's work is paid once per word. When full, new words are stemmed without being remembered.
/// </summary>
internal static class StemCache
{
    private const int Capacity = 100_000;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Stem(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }

        if (Cache.TryGetValue(word, out var stem))
        {
            return stem;
        }

        stem = PorterStemmer.Stem(word);
        if (Cache.Count < Capacity)
        {
            Cache.TryAdd(word, stem);
        }

        return stem;
    }
}
