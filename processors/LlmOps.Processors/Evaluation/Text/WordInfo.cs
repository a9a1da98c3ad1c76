namespace LlmOps.Processors.Evaluation.Text;

/// <summary>
/// What the scorers need to know about one lower-cased word, computed once per distinct word and shared by
/// every text that contains it (see <see cref="WordTable"/>): the word itself, its Porter stem (words of up to
/// three characters are their own stem), whether it is a stop word, and the stem's ordinal hash.
/// </summary>
internal sealed class WordInfo
{
    private double _toxicWeight = double.NaN;
    private (string[] Words, double Weight)[]? _toxicPatterns;

    public WordInfo(string text)
    {
        Text = text;
        Stem = text.Length <= 3 ? text : PorterStemmer.Stem(text);
        IsStopWord = StopWords.Contains(text);
        StemHash = StringComparer.Ordinal.GetHashCode(Stem);
        TextHash = StringComparer.Ordinal.GetHashCode(text);
    }

    public string Text { get; }

    public string Stem { get; }

    public bool IsStopWord { get; }

    /// <summary><c>StringComparer.Ordinal.GetHashCode(Stem)</c>, as used by <c>TextFeatures.PairKey</c>.</summary>
    public int StemHash { get; }

    /// <summary><c>StringComparer.Ordinal.GetHashCode(Text)</c>.</summary>
    public int TextHash { get; }

    /// <summary>
    /// A per-word memo for a scorer whose word score depends on the word alone (computed on first use by
    /// <paramref name="compute"/>; a race computes the same value twice, harmlessly).
    /// </summary>
    public double ToxicWeight(Func<string, double> compute)
    {
        var weight = _toxicWeight;
        if (double.IsNaN(weight))
        {
            weight = compute(Text);
            _toxicWeight = weight;
        }

        return weight;
    }

    /// <summary>As <see cref="ToxicWeight"/>, for the toxicity patterns that start with this word (most words: none).</summary>
    public (string[] Words, double Weight)[] ToxicPatterns(Func<string, (string[] Words, double Weight)[]> compute)
    {
        var patterns = _toxicPatterns;
        if (patterns is null)
        {
            patterns = compute(Text);
            _toxicPatterns = patterns;
        }

        return patterns;
    }
}
