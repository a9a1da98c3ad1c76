using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Lexical semantic similarity in [0, 1]: cosine of stemmed, synonym-folded content words (weighted by a
/// length-based specificity proxy for IDF) blended with cosine of character trigrams (robust to spelling and
/// morphology). No embeddings; deterministic and offline.
/// </summary>
internal sealed class SemanticSimilarityScorer
{
    public const string Name = "semantic_similarity";
    private const double WordShare = 0.6;

    public SemanticSimilarityScorer(double similarThreshold = 0.5) => SimilarThreshold = similarThreshold;

    public double SimilarThreshold { get; }

    public EvaluationResult Score(string text, string other)
    {
        var s = Similarity(text, other);
        return new EvaluationResult(Name, s, s >= SimilarThreshold ? "similar" : "dissimilar", $"lexical similarity {s:F2}");
    }

    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var word = Cosine(WordVector(a), WordVector(b));
        var chars = Cosine(TrigramVector(a), TrigramVector(b));
        return TextFeatures.Clamp01((WordShare * word) + ((1 - WordShare) * chars));
    }

    private static Dictionary<string, double> WordVector(string text)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            if (StopWords.Contains(token.Text))
            {
                continue;
            }

            // Longer words and numbers are rarer and more specific: a cheap stand-in for IDF.
            var weight = token.IsEntityLike || (token.Kind & TokenKind.Numeric) != 0 ? 2.0 : 1.0 + Math.Min(1.0, token.Text.Length / 8.0);
            var key = SynonymMap.Map(StemCache.Stem(token.Text));
            vector[key] = vector.GetValueOrDefault(key) + weight;
        }

        return vector;
    }

    private static Dictionary<int, double> TrigramVector(string text)
    {
        var vector = new Dictionary<int, double>();
        var previous2 = ' ';
        var previous1 = ' ';
        foreach (var raw in text)
        {
            var c = char.IsLetterOrDigit(raw) ? char.ToLowerInvariant(raw) : ' ';
            if (c == ' ' && previous1 == ' ')
            {
                continue;
            }

            var key = (previous2 << 16) ^ (previous1 << 8) ^ c;
            vector[key] = vector.GetValueOrDefault(key) + 1;
            previous2 = previous1;
            previous1 = c;
        }

        return vector;
    }

    private static double Cosine<TKey>(Dictionary<TKey, double> a, Dictionary<TKey, double> b)
        where TKey : notnull
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        foreach (var (key, value) in a)
        {
            na += value * value;
            if (b.TryGetValue(key, out var other))
            {
                dot += value * other;
            }
        }

        foreach (var value in b.Values)
        {
            nb += value * value;
        }

        return dot / Math.Sqrt(na * nb);
    }
}
