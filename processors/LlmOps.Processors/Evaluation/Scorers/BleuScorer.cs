namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// BLEU compatible with sacreBLEU 2.x: corpus and sentence scores, the <c>none</c>/<c>13a</c>/<c>intl</c>/<c>char</c>
/// tokenisers, closest-reference length, clipped counts over several references, and the none/floor/add-k/exp
/// smoothing methods with optional effective order.
/// </summary>
internal sealed class BleuScorer
{
    public const string Name = "bleu";

    public BleuScorer(
        BleuTokenization tokenization = BleuTokenization.Mteval13a,
        BleuSmoothing smoothing = BleuSmoothing.Exponential,
        double? smoothValue = null,
        bool lowercase = false,
        bool effectiveOrder = false,
        int maxNgramOrder = 4)
    {
        if (maxNgramOrder is < 1 or > NGramCounter.MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNgramOrder), maxNgramOrder, "must be 1..6");
        }

        Tokenization = tokenization;
        Smoothing = smoothing;
        SmoothValue = smoothValue;
        Lowercase = lowercase;
        EffectiveOrder = effectiveOrder;
        MaxNgramOrder = maxNgramOrder;
    }

    public BleuTokenization Tokenization { get; }

    public BleuSmoothing Smoothing { get; }

    public double? SmoothValue { get; }

    public bool Lowercase { get; }

    public bool EffectiveOrder { get; }

    public int MaxNgramOrder { get; }

    /// <summary>Corpus BLEU. <paramref name="referenceStreams"/>[k][i] is the k-th reference of hypothesis i.</summary>
    public BleuScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceStreams)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        var correct = new double[MaxNgramOrder];
        var total = new double[MaxNgramOrder];
        int sysLen = 0, refLen = 0;
        var references = new List<string>(referenceStreams.Count);
        for (var i = 0; i < hypotheses.Count; i++)
        {
            references.Clear();
            foreach (var stream in referenceStreams)
            {
                if (stream.Count != hypotheses.Count)
                {
                    throw new ArgumentException("every reference stream needs one reference per hypothesis", nameof(referenceStreams));
                }

                references.Add(stream[i]);
            }

            var (h, r) = AddStatistics(hypotheses[i], references, correct, total);
            sysLen += h;
            refLen += r;
        }

        return Compute(correct, total, sysLen, refLen, Smoothing, SmoothValue, EffectiveOrder, MaxNgramOrder);
    }

    /// <summary>Sentence BLEU of one hypothesis against one or more references.</summary>
    public BleuScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        var correct = new double[MaxNgramOrder];
        var total = new double[MaxNgramOrder];
        var (sysLen, refLen) = AddStatistics(hypothesis, references, correct, total);
        return Compute(correct, total, sysLen, refLen, Smoothing, SmoothValue, EffectiveOrder, MaxNgramOrder);
    }

    /// <summary>Scores an answer against an expected answer as an evaluator result (sentence BLEU, 0–1).</summary>
    public EvaluationResult Evaluate(string answer, string expected)
    {
        var score = SentenceScore(answer, [expected]).Normalized;
        var label = score >= 0.5 ? "high" : score >= 0.2 ? "medium" : "low";
        return new EvaluationResult(Name, score, label, $"sentence BLEU {score * 100:F1}");
    }

    /// <summary>BLEU from sufficient statistics, as sacreBLEU's <c>compute_bleu</c>.</summary>
    public static BleuScore Compute(
        IReadOnlyList<double> correct,
        IReadOnlyList<double> total,
        int sysLen,
        int refLen,
        BleuSmoothing smoothing = BleuSmoothing.Exponential,
        double? smoothValue = null,
        bool effectiveOrder = false,
        int maxNgramOrder = 4)
    {
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(total);
        var value = smoothValue ?? smoothing switch
        {
            BleuSmoothing.Floor => 0.1,
            BleuSmoothing.AddK => 1.0,
            _ => 0.0,
        };
        var c = correct.ToArray();
        var t = total.ToArray();
        var precisions = new double[maxNgramOrder];
        // No matches at all (or an empty hypothesis) is BLEU 0 whatever the smoothing, as in sacreBLEU.
        if (sysLen == 0 || c.All(x => x == 0))
        {
            return new BleuScore(0, c, t, precisions, 0, sysLen, refLen);
        }

        var order = maxNgramOrder;
        var mteval = 1.0;
        for (var n = 1; n <= maxNgramOrder; n++)
        {
            if (smoothing == BleuSmoothing.AddK && n > 1)
            {
                c[n - 1] += value;
                t[n - 1] += value;
            }

            if (t[n - 1] == 0)
            {
                break;
            }

            if (effectiveOrder)
            {
                order = n;
            }

            if (c[n - 1] == 0)
            {
                if (smoothing == BleuSmoothing.Exponential)
                {
                    mteval *= 2;
                    precisions[n - 1] = 100.0 / (mteval * t[n - 1]);
                }
                else if (smoothing == BleuSmoothing.Floor)
                {
                    precisions[n - 1] = 100.0 * value / t[n - 1];
                }
            }
            else
            {
                precisions[n - 1] = 100.0 * c[n - 1] / t[n - 1];
            }
        }

        var bp = sysLen < refLen ? Math.Exp(1 - ((double)refLen / sysLen)) : 1.0;
        var logSum = 0.0;
        for (var n = 0; n < order; n++)
        {
            logSum += precisions[n] == 0 ? -9999999999.0 : Math.Log(precisions[n]);
        }

        var score = bp * Math.Exp(logSum / order);
        return new BleuScore(score, c, t, precisions, bp, sysLen, refLen);
    }

    private (int SysLen, int RefLen) AddStatistics(string hypothesis, IReadOnlyList<string> references, double[] correct, double[] total)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var hyp = NGramCounter.ToIds(Tokenize(hypothesis), vocabulary);
        var refIds = new int[references.Count][];
        var closestDiff = int.MaxValue;
        var closestLen = int.MaxValue;
        for (var k = 0; k < references.Count; k++)
        {
            refIds[k] = NGramCounter.ToIds(Tokenize(references[k]), vocabulary);
            var len = refIds[k].Length;
            var diff = Math.Abs(hyp.Length - len);
            if (diff < closestDiff)
            {
                closestDiff = diff;
                closestLen = len;
            }
            else if (diff == closestDiff && len < closestLen)
            {
                closestLen = len;
            }
        }

        for (var n = 1; n <= MaxNgramOrder; n++)
        {
            var maxRef = new Dictionary<UInt128, int>();
            foreach (var reference in refIds)
            {
                foreach (var (key, count) in NGramCounter.Count(reference, n))
                {
                    if (count > maxRef.GetValueOrDefault(key))
                    {
                        maxRef[key] = count;
                    }
                }
            }

            foreach (var (key, count) in NGramCounter.Count(hyp, n))
            {
                correct[n - 1] += Math.Min(count, maxRef.GetValueOrDefault(key));
            }

            total[n - 1] += Math.Max(0, hyp.Length - n + 1);
        }

        return (hyp.Length, references.Count == 0 ? 0 : closestLen);
    }

    private string[] Tokenize(string text)
    {
        text = text.TrimEnd();
        if (Lowercase)
        {
            text = text.ToLowerInvariant();
        }

        return SacreBleuTokenizer.Tokenize(text, Tokenization);
    }
}
