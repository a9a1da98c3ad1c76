using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>Helpers shared by the overlap-based scorers: stemmed content-word sets and pair hashes.</summary>
internal static class TextFeatures
{
    /// <summary>Adds the stems of every word of <paramref name="text"/> (stop words included) to <paramref name="stems"/>.</summary>
    public static void AddStems(string text, HashSet<string> stems, HashSet<long>? pairs)
    {
        var tokens = WordTokenizer.Tokenize(text);
        string? previous = null;
        foreach (var token in tokens)
        {
            var stem = StemCache.Stem(token.Text);
            stems.Add(stem);
            if (pairs is not null && !StopWords.Contains(token.Text))
            {
                if (previous is not null)
                {
                    pairs.Add(PairKey(previous, stem));
                }

                previous = stem;
            }
        }
    }

    /// <summary>A hash key for an ordered pair of stems (collisions are possible and harmless for scoring).</summary>
    public static long PairKey(string first, string second) =>
        ((long)StringComparer.Ordinal.GetHashCode(first) << 32) | (uint)StringComparer.Ordinal.GetHashCode(second);

    /// <summary>True for tokens that are numbers (digits with optional separators).</summary>
    public static bool IsNumber(string token)
    {
        var digits = 0;
        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('.' or ','))
            {
                return false;
            }
        }

        return digits > 0;
    }

    public static double Clamp01(double value) => value < 0 ? 0 : value > 1 ? 1 : value;
}
