using System.Buffers;
using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// ROUGE-N, ROUGE-L (sentence-level LCS) and ROUGE-Lsum (summary-level union LCS over newline-separated
/// sentences), reproducing Google's <c>rouge_score</c> package: lower-case, non-alphanumerics to spaces,
/// optional Porter stemming of tokens longer than three characters. Arguments are (target, prediction).
/// </summary>
internal sealed class RougeScorer
{
    public const string Name = "rouge_l";

    public RougeScorer(bool useStemmer = false) => UseStemmer = useStemmer;

    public bool UseStemmer { get; }

    public RougeScore RougeN(string target, string prediction, int n)
    {
        if (n is < 1 or > NGramCounter.MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "must be 1..6");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var t = NGramCounter.ToIds(Tokenize(target), vocabulary);
        var p = NGramCounter.ToIds(Tokenize(prediction), vocabulary);
        var targetCounts = NGramCounter.Count(t, n);
        var predictionCounts = NGramCounter.Count(p, n);
        double hits = 0;
        foreach (var (key, count) in predictionCounts)
        {
            hits += Math.Min(count, targetCounts.GetValueOrDefault(key));
        }

        return RougeScore.FromCounts(hits, Math.Max(0, p.Length - n + 1), Math.Max(0, t.Length - n + 1));
    }

    public RougeScore RougeL(string target, string prediction)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var t = NGramCounter.ToIds(Tokenize(target), vocabulary);
        var p = NGramCounter.ToIds(Tokenize(prediction), vocabulary);
        if (t.Length == 0 || p.Length == 0)
        {
            return default;
        }

        return RougeScore.FromCounts(LcsLength(t, p), p.Length, t.Length);
    }

    public RougeScore RougeLsum(string target, string prediction)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var targetSentences = Sentences(target, vocabulary);
        var predictionSentences = Sentences(prediction, vocabulary);
        return SummaryLevelLcs(targetSentences, predictionSentences);
    }

    /// <summary>Scores an answer against an expected answer as an evaluator result (ROUGE-L F1, stemmed).</summary>
    public EvaluationResult Evaluate(string answer, string expected)
    {
        var score = RougeL(expected, answer).FMeasure;
        var label = score >= 0.5 ? "high" : score >= 0.2 ? "medium" : "low";
        return new EvaluationResult(Name, score, label, $"ROUGE-L F1 {score:F3}");
    }

    /// <summary>Summary-level LCS (Lin 2004, section 3.2) over pre-tokenised sentences.</summary>
    public static RougeScore SummaryLevelLcs(IReadOnlyList<int[]> targetSentences, IReadOnlyList<int[]> predictionSentences)
    {
        ArgumentNullException.ThrowIfNull(targetSentences);
        ArgumentNullException.ThrowIfNull(predictionSentences);
        var m = targetSentences.Sum(s => s.Length);
        var n = predictionSentences.Sum(s => s.Length);
        if (m == 0 || n == 0)
        {
            return default;
        }

        var targetCounts = new Dictionary<int, int>();
        var predictionCounts = new Dictionary<int, int>();
        foreach (var s in targetSentences)
        {
            foreach (var id in s)
            {
                targetCounts[id] = targetCounts.GetValueOrDefault(id) + 1;
            }
        }

        foreach (var s in predictionSentences)
        {
            foreach (var id in s)
            {
                predictionCounts[id] = predictionCounts.GetValueOrDefault(id) + 1;
            }
        }

        var hits = 0;
        foreach (var sentence in targetSentences)
        {
            foreach (var id in UnionLcs(sentence, predictionSentences))
            {
                if (predictionCounts.GetValueOrDefault(id) > 0 && targetCounts.GetValueOrDefault(id) > 0)
                {
                    hits++;
                    predictionCounts[id]--;
                    targetCounts[id]--;
                }
            }
        }

        return RougeScore.FromCounts(hits, n, m);
    }

    /// <summary>The tokens of <paramref name="reference"/> in the union of its LCS with each candidate, in order.</summary>
    public static List<int> UnionLcs(int[] reference, IReadOnlyList<int[]> candidates)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidates);
        var union = new SortedSet<int>();
        foreach (var candidate in candidates)
        {
            foreach (var index in LcsIndices(reference, candidate))
            {
                union.Add(index);
            }
        }

        var result = new List<int>(union.Count);
        foreach (var index in union)
        {
            result.Add(reference[index]);
        }

        return result;
    }

    public static int LcsLength(ReadOnlySpan<int> reference, ReadOnlySpan<int> candidate)
    {
        // Two rolling rows suffice for the length.
        var cols = candidate.Length + 1;
        var rented = ArrayPool<int>.Shared.Rent(cols * 2);
        try
        {
            var previous = rented.AsSpan(0, cols);
            var current = rented.AsSpan(cols, cols);
            previous.Clear();
            for (var i = 1; i <= reference.Length; i++)
            {
                current[0] = 0;
                for (var j = 1; j < cols; j++)
                {
                    current[j] = reference[i - 1] == candidate[j - 1]
                        ? previous[j - 1] + 1
                        : Math.Max(previous[j], current[j - 1]);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[cols - 1];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Indices into <paramref name="reference"/> of one LCS with <paramref name="candidate"/> (rouge_score's backtrack order).</summary>
    public static List<int> LcsIndices(int[] reference, int[] candidate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        var rows = reference.Length + 1;
        var cols = candidate.Length + 1;
        var table = new int[rows * cols];
        for (var i = 1; i < rows; i++)
        {
            for (var j = 1; j < cols; j++)
            {
                table[(i * cols) + j] = reference[i - 1] == candidate[j - 1]
                    ? table[((i - 1) * cols) + j - 1] + 1
                    : Math.Max(table[((i - 1) * cols) + j], table[(i * cols) + j - 1]);
            }
        }

        var indices = new List<int>();
        int r = reference.Length, c = candidate.Length;
        while (r > 0 && c > 0)
        {
            if (reference[r - 1] == candidate[c - 1])
            {
                indices.Add(r - 1);
                r--;
                c--;
            }
            else if (table[(r * cols) + c - 1] > table[((r - 1) * cols) + c])
            {
                c--;
            }
            else
            {
                r--;
            }
        }

        indices.Reverse();
        return indices;
    }

    /// <summary>rouge_score's default tokeniser: lower-case, non-[a-z0-9] to spaces, optional stemming.</summary>
    public List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var lower = text.ToLowerInvariant();
        var i = 0;
        while (i < lower.Length)
        {
            if (!IsAsciiAlphanumeric(lower[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < lower.Length && IsAsciiAlphanumeric(lower[i]))
            {
                i++;
            }

            var token = lower[start..i];
            tokens.Add(UseStemmer && token.Length > 3 ? StemCache.Stem(token) : token);
        }

        return tokens;
    }

    private static bool IsAsciiAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private List<int[]> Sentences(string text, Dictionary<string, int> vocabulary)
    {
        var sentences = new List<int[]>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                sentences.Add(NGramCounter.ToIds(Tokenize(line), vocabulary));
            }
        }

        return sentences;
    }
}
