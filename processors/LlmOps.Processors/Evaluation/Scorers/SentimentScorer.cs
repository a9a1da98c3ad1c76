using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Lexicon sentiment for user feedback: word valences with negation (flips and damps the next few words),
/// intensifiers and diminishers, contrast clauses ("X but Y" weighs Y more), ALL-CAPS and exclamation emphasis,
/// and a few fixed expressions. The compound polarity in [−1, 1] is mapped to a score in [0, 1]
/// (0 = very negative, 0.5 = neutral, 1 = very positive).
/// </summary>
internal sealed class SentimentScorer
{
    public const string Name = "sentiment";
    private const double NegationFactor = -0.6;
    private const double BoostStep = 0.3;
    private const double CapsFactor = 1.3;
    private const double BeforeContrast = 0.5;
    private const double AfterContrast = 1.5;
    private const double Normalizer = 15;

    // A negation that modifies no sentiment word still signals a complaint in feedback ("it won't read my discs").
    private const double BareNegation = -0.6;

    public SentimentScorer(double neutralBand = 0.05) => NeutralBand = neutralBand;

    /// <summary>Compound polarities within ±this band are labelled neutral.</summary>
    public double NeutralBand { get; }

    public EvaluationResult Score(string text)
    {
        var compound = Compound(text);
        var label = compound >= NeutralBand ? "positive" : compound <= -NeutralBand ? "negative" : "neutral";
        return new EvaluationResult(Name, (compound + 1) / 2, label, $"compound polarity {compound:+0.00;-0.00;0.00}");
    }

    /// <summary>The compound polarity in [−1, 1].</summary>
    public static double Compound(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = WordTokenizer.Tokenize(text);
        if (tokens.Count == 0)
        {
            return 0;
        }

        var shouting = IsMostlyCaps(tokens);
        var valences = new double[tokens.Count];
        var contrastAt = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Text;
            if (SentimentLexicon.ContrastWords.Contains(word) && i > 0)
            {
                contrastAt = i;
                continue;
            }

            var phrase = MatchPhrase(tokens, i, out var phraseLength);
            double v;
            if (phraseLength > 0)
            {
                v = phrase;
            }
            else
            {
                v = SentimentLexicon.Valence(word);
                if (v == 0)
                {
                    if (IsNegator(word) && !ModifiesSentiment(tokens, i))
                    {
                        valences[i] = BareNegation;
                    }

                    continue;
                }

                if (!shouting && (tokens[i].Kind & TokenKind.AllCaps) != 0)
                {
                    v *= CapsFactor;
                }
            }

            v = ApplyModifiers(tokens, i, v);
            valences[i] = v;
            if (phraseLength > 1)
            {
                i += phraseLength - 1;
            }
        }

        var sum = 0.0;
        for (var i = 0; i < valences.Length; i++)
        {
            var weight = contrastAt < 0 ? 1 : i < contrastAt ? BeforeContrast : AfterContrast;
            sum += valences[i] * weight;
        }

        sum += Emphasis(text, sum);
        return sum / Math.Sqrt((sum * sum) + Normalizer);
    }

    private static double ApplyModifiers(List<Token> tokens, int i, double v)
    {
        var negated = false;
        var scale = 1.0;
        for (var back = 1; back <= 3 && i - back >= 0; back++)
        {
            var previous = tokens[i - back].Text;
            if (SentimentLexicon.ContrastWords.Contains(previous))
            {
                break;
            }

            if (IsNegator(previous))
            {
                negated = !negated;
            }
            else if (back <= 2 && SentimentLexicon.IntensifierWords.Contains(previous))
            {
                scale += BoostStep / back;
            }
            else if (back <= 2 && SentimentLexicon.DiminisherWords.Contains(previous))
            {
                scale -= BoostStep / back;
            }
        }

        v *= scale;
        return negated ? v * NegationFactor : v;
    }

    private static bool IsNegator(string word) =>
        SentimentLexicon.NegatorWords.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal);

    private static bool ModifiesSentiment(List<Token> tokens, int i)
    {
        for (var k = i + 1; k <= i + 3 && k < tokens.Count; k++)
        {
            if (SentimentLexicon.Valence(tokens[k].Text) != 0 || SentimentLexicon.ContrastWords.Contains(tokens[k].Text))
            {
                return true;
            }
        }

        return false;
    }

    private static double MatchPhrase(List<Token> tokens, int i, out int length)
    {
        length = 0;
        if (!SentimentLexicon.PhrasesByFirstWord.TryGetValue(tokens[i].Text, out var candidates))
        {
            return 0;
        }

        foreach (var (words, valence) in candidates)
        {
            if (i + words.Length > tokens.Count)
            {
                continue;
            }

            var match = true;
            for (var k = 1; k < words.Length; k++)
            {
                if (tokens[i + k].Text != words[k])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                length = words.Length;
                return valence;
            }
        }

        return 0;
    }

    private static double Emphasis(string text, double sum)
    {
        if (sum == 0)
        {
            return 0;
        }

        var exclamations = Math.Min(3, text.AsSpan().Count('!'));
        return Math.Sign(sum) * exclamations * 0.25;
    }

    private static bool IsMostlyCaps(List<Token> tokens)
    {
        var caps = 0;
        foreach (var t in tokens)
        {
            if ((t.Kind & TokenKind.AllCaps) != 0)
            {
                caps++;
            }
        }

        return caps * 2 > tokens.Count;
    }
}
