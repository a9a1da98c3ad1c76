namespace LlmOps.Processors.Evaluation.Text;

/// <summary>
/// One text analysed once for every scorer that reads it: its tokens, the <see cref="WordInfo"/> of each token
/// (stem, stop-word flag), and on demand the set of stems and the hashes of adjacent content-stem pairs.
/// Build one per text per span (<see cref="Of"/>) and pass it to the scorers' <c>TextAnalysis</c> overloads.
/// Not thread-safe while its lazy parts are first computed; share it within one evaluation.
/// </summary>
internal sealed class TextAnalysis
{
    private HashSet<string>? _stems;
    private HashSet<long>? _pairs;

    private TextAnalysis(string text)
    {
        Text = text;
        var capacity = Math.Max(4, text.Length / 5);
        var tokens = new List<Token>(capacity);
        var words = new List<WordInfo>(capacity);
        WordTokenizer.Tokenize(text, tokens, words);
        Tokens = tokens;
        Words = words;
    }

    public string Text { get; }

    public List<Token> Tokens { get; }

    /// <summary>The word entry of each token (same indices as <see cref="Tokens"/>).</summary>
    public List<WordInfo> Words { get; }

    /// <summary>Stems of every word (stop words included).</summary>
    public HashSet<string> Stems
    {
        get
        {
            if (_stems is null)
            {
                var stems = new HashSet<string>(Words.Count, StringComparer.Ordinal);
                foreach (var word in Words)
                {
                    stems.Add(word.Stem);
                }

                _stems = stems;
            }

            return _stems;
        }
    }

    /// <summary>Pair keys (<c>TextFeatures.PairKey</c>) of adjacent content-word stems, stop words skipped.</summary>
    public HashSet<long> ContentPairs
    {
        get
        {
            if (_pairs is null)
            {
                var pairs = new HashSet<long>(Words.Count);
                WordInfo? previous = null;
                foreach (var word in Words)
                {
                    if (word.IsStopWord)
                    {
                        continue;
                    }

                    if (previous is not null)
                    {
                        pairs.Add(PairKey(previous, word));
                    }

                    previous = word;
                }

                _pairs = pairs;
            }

            return _pairs;
        }
    }

    public static TextAnalysis Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TextAnalysis(text);
    }

    /// <summary>Analyses each text of <paramref name="texts"/> (null entries become empty texts).</summary>
    public static TextAnalysis[] Of(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new TextAnalysis[texts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new TextAnalysis(texts[i] ?? string.Empty);
        }

        return result;
    }

    /// <summary>The same key as <c>TextFeatures.PairKey(first.Stem, second.Stem)</c>.</summary>
    public static long PairKey(WordInfo first, WordInfo second) => ((long)first.StemHash << 32) | (uint)second.StemHash;
}
