namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// chrF (character n-gram F-score) compatible with sacreBLEU 2.x for <c>word_order = 0</c>: character n-grams of
/// orders 1..<c>charOrder</c>, whitespace removed by default, the best of several references per sentence, and
/// either the averaged precision/recall form or the <c>eps_smoothing</c> per-order average.
/// </summary>
internal sealed class ChrfScorer
{
    public const string Name = "chrf";
    private const double Epsilon = 1e-16;
    private const int MaxCharOrder = 8;

    public ChrfScorer(int charOrder = 6, double beta = 2, bool removeWhitespace = true, bool epsSmoothing = false, bool lowercase = false)
    {
        if (charOrder is < 1 or > MaxCharOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(charOrder), charOrder, "must be 1..8");
        }

        CharOrder = charOrder;
        Beta = beta;
        RemoveWhitespace = removeWhitespace;
        EpsSmoothing = epsSmoothing;
        Lowercase = lowercase;
    }

    public int CharOrder { get; }

    public double Beta { get; }

    public bool RemoveWhitespace { get; }

    public bool EpsSmoothing { get; }

    public bool Lowercase { get; }

    /// <summary>Corpus chrF (0–100). <paramref name="referenceStreams"/>[k][i] is the k-th reference of hypothesis i.</summary>
    public double CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceStreams)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        var sum = new double[CharOrder * 3];
        for (var i = 0; i < hypotheses.Count; i++)
        {
            double[]? best = null;
            var bestScore = double.NegativeInfinity;
            foreach (var stream in referenceStreams)
            {
                var stats = Statistics(hypotheses[i], stream[i]);
                var f = FScore(stats);
                if (f > bestScore)
                {
                    bestScore = f;
                    best = stats;
                }
            }

            if (best is not null)
            {
                for (var j = 0; j < sum.Length; j++)
                {
                    sum[j] += best[j];
                }
            }
        }

        return FScore(sum);
    }

    /// <summary>Sentence chrF (0–100) against the best of the references.</summary>
    public double SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var streams = new IReadOnlyList<string>[references.Count];
        for (var k = 0; k < references.Count; k++)
        {
            streams[k] = [references[k]];
        }

        return CorpusScore([hypothesis], streams);
    }

    private double[] Statistics(string hypothesis, string reference)
    {
        var hyp = Prepare(hypothesis);
        var refText = Prepare(reference);
        var stats = new double[CharOrder * 3];
        for (var n = 1; n <= CharOrder; n++)
        {
            var hypCounts = Count(hyp, n);
            var refCounts = Count(refText, n);
            double hypTotal = 0, refTotal = 0, match = 0;
            foreach (var (key, count) in hypCounts)
            {
                hypTotal += count;
                match += Math.Min(count, refCounts.GetValueOrDefault(key));
            }

            foreach (var count in refCounts.Values)
            {
                refTotal += count;
            }

            stats[(n - 1) * 3] = hypTotal;
            stats[((n - 1) * 3) + 1] = refTotal;
            stats[((n - 1) * 3) + 2] = match;
        }

        return stats;
    }

    private string Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Lowercase)
        {
            text = text.ToLowerInvariant();
        }

        if (!RemoveWhitespace)
        {
            return text;
        }

        return string.Concat(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static Dictionary<UInt128, int> Count(string text, int n)
    {
        var counts = new Dictionary<UInt128, int>(Math.Max(0, text.Length - n + 1));
        for (var i = 0; i + n <= text.Length; i++)
        {
            UInt128 key = 0;
            for (var j = 0; j < n; j++)
            {
                key = (key << 16) | text[i + j];
            }

            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private double FScore(double[] stats)
    {
        var factor = Beta * Beta;
        double score = 0, avgPrecision = 0, avgRecall = 0;
        var effectiveOrder = 0;
        for (var i = 0; i < CharOrder; i++)
        {
            var hyp = stats[i * 3];
            var refTotal = stats[(i * 3) + 1];
            var match = stats[(i * 3) + 2];
            var precision = hyp > 0 ? match / hyp : Epsilon;
            var recall = refTotal > 0 ? match / refTotal : Epsilon;
            var denominator = (factor * precision) + recall;
            score += denominator > 0 ? (1 + factor) * precision * recall / denominator : Epsilon;
            if (hyp > 0 && refTotal > 0)
            {
                effectiveOrder++;
                avgPrecision += precision;
                avgRecall += recall;
            }
        }

        if (EpsSmoothing)
        {
            return 100 * score / CharOrder;
        }

        if (effectiveOrder == 0)
        {
            return 0;
        }

        avgPrecision /= effectiveOrder;
        avgRecall /= effectiveOrder;
        if (avgPrecision + avgRecall == 0)
        {
            return 0;
        }

        return 100 * (1 + factor) * avgPrecision * avgRecall / ((factor * avgPrecision) + avgRecall);
    }
}
