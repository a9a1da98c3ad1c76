using System.Text;
using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Conciseness: 1 = a direct answer of proportionate length; lower for answers much longer than the question
/// warrants, filler and hedging phrases, and repetition (repeated word trigrams). Penalties multiply.
/// </summary>
internal sealed class ConcisenessScorer
{
    public const string Name = "conciseness";

    private static readonly string[] Fillers =
    [
        "as an ai", "as a language model", "i think", "i believe", "it is important to note", "it's important to note",
        "it is worth noting", "it's worth noting", "in conclusion", "to summarize", "in summary", "basically",
        "essentially", "actually", "literally", "needless to say", "at the end of the day", "in order to",
        "due to the fact that", "for all intents and purposes", "it goes without saying", "i hope this helps",
        "let me know if", "feel free to", "great question", "good question", "of course", "certainly",
        "i'm happy to help", "i would be happy to", "please note that", "kind of", "sort of", "more or less",
        "it seems that", "it appears that", "perhaps", "possibly", "generally speaking", "in my opinion",
    ];

    private static readonly Dictionary<string, string[][]> FillersByFirstWord = Fillers
        .Select(f => WordTokenizer.Tokenize(f).Select(t => t.Text).ToArray())
        .GroupBy(words => words[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public ConcisenessScorer(int baseBudgetWords = 60, double wordsPerQuestionWord = 6, double conciseThreshold = 0.7)
    {
        BaseBudgetWords = baseBudgetWords;
        WordsPerQuestionWord = wordsPerQuestionWord;
        ConciseThreshold = conciseThreshold;
    }

    /// <summary>Words any answer may use without penalty.</summary>
    public int BaseBudgetWords { get; }

    /// <summary>Extra words allowed per content word of the question.</summary>
    public double WordsPerQuestionWord { get; }

    public double ConciseThreshold { get; }

    public EvaluationResult Score(string answer, string? question = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Score(TextAnalysis.Of(answer), string.IsNullOrEmpty(question) ? null : TextAnalysis.Of(question));
    }

    /// <summary>The same score over texts analysed once per span (shared with the other per-span scorers).</summary>
    public EvaluationResult Score(TextAnalysis answer, TextAnalysis? question = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var tokens = answer.Tokens;
        if (tokens.Count == 0)
        {
            return new EvaluationResult(Name, 0, "empty", "empty answer");
        }

        var questionWords = 0;
        if (question is not null)
        {
            foreach (var word in question.Words)
            {
                questionWords += word.IsStopWord ? 0 : 1;
            }
        }

        var budget = BaseBudgetWords + (WordsPerQuestionWord * questionWords);
        var lengthFactor = tokens.Count <= budget ? 1.0 : Math.Sqrt(budget / tokens.Count);

        var fillers = CountFillers(tokens);
        var fillerFactor = Math.Max(0.4, 1 - (0.08 * fillers * Math.Min(1.0, 100.0 / tokens.Count) * 2));

        var repetition = RepeatedTrigramShare(answer.Words);
        var repetitionFactor = Math.Max(0.3, 1 - (1.5 * repetition));

        var score = TextFeatures.Clamp01(lengthFactor * fillerFactor * repetitionFactor);
        var label = score >= ConciseThreshold ? "concise" : "verbose";
        var sb = new StringBuilder(80);
        sb.Append(tokens.Count).Append(" words (budget ").Append(Math.Round(budget)).Append(')');
        if (fillers > 0)
        {
            sb.Append(", ").Append(fillers).Append(" filler/hedge phrase(s)");
        }

        if (repetition > 0)
        {
            sb.Append(", ").Append(Math.Round(repetition * 100)).Append("% repeated trigrams");
        }

        return new EvaluationResult(Name, score, label, sb.ToString());
    }

    private static int CountFillers(List<Token> tokens)
    {
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!FillersByFirstWord.TryGetValue(tokens[i].Text, out var phrases))
            {
                continue;
            }

            foreach (var phrase in phrases)
            {
                if (Matches(tokens, i, phrase))
                {
                    count++;
                    i += phrase.Length - 1;
                    break;
                }
            }
        }

        return count;
    }

    private static bool Matches(List<Token> tokens, int i, string[] phrase)
    {
        if (i + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 1; k < phrase.Length; k++)
        {
            if (tokens[i + k].Text != phrase[k])
            {
                return false;
            }
        }

        return true;
    }

    private const int ReusedSetWords = 2048;

    [ThreadStatic]
    private static HashSet<Trigram>? _threadSeen;

    private static double RepeatedTrigramShare(List<WordInfo> words)
    {
        if (words.Count < 6)
        {
            return 0;
        }

        // One set per scoring thread, reused: a fresh one per answer was a large share of the garbage scoring made.
        // Very long answers get a set of their own so the reused one stays small.
        var seen = words.Count <= ReusedSetWords ? (_threadSeen ??= new HashSet<Trigram>(ReusedSetWords)) : new HashSet<Trigram>(words.Count);
        var repeated = 0;
        try
        {
            for (var i = 0; i + 2 < words.Count; i++)
            {
                if (!seen.Add(new Trigram(words[i], words[i + 1], words[i + 2])))
                {
                    repeated++;
                }
            }
        }
        finally
        {
            seen.Clear();
        }

        return (double)repeated / (words.Count - 2);
    }

    /// <summary>Three consecutive words compared by text, hashed from the words' precomputed hashes.</summary>
    private readonly struct Trigram(WordInfo a, WordInfo b, WordInfo c) : IEquatable<Trigram>
    {
        private readonly WordInfo _a = a;
        private readonly WordInfo _b = b;
        private readonly WordInfo _c = c;

        public bool Equals(Trigram other) =>
            Same(_a, other._a) && Same(_b, other._b) && Same(_c, other._c);

        public override bool Equals(object? obj) => obj is Trigram other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(_a.TextHash, _b.TextHash, _c.TextHash);

        private static bool Same(WordInfo x, WordInfo y) =>
            ReferenceEquals(x, y) || string.Equals(x.Text, y.Text, StringComparison.Ordinal);
    }
}
