using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Context relevance: how well the retrieved chunks cover the question's content words (names and numbers
/// weigh more). Per chunk, coverage = weighted share of question terms it contains; the score blends the best
/// chunk (0.7) with the mean chunk (0.3), so one on-topic chunk among noise is relevant but all-noise is not.
/// 1 = the question's terms all appear; 0 = none do.
/// </summary>
internal sealed class ContextRelevanceScorer
{
    public const string Name = "context_relevance";
    private const double EntityWeight = 2.0;

    public ContextRelevanceScorer(double relevantThreshold = 0.5, double irrelevantThreshold = 0.2)
    {
        RelevantThreshold = relevantThreshold;
        IrrelevantThreshold = irrelevantThreshold;
    }

    public double RelevantThreshold { get; }

    public double IrrelevantThreshold { get; }

    public EvaluationResult Score(string question, IReadOnlyList<string> contexts)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(contexts);
        return Score(TextAnalysis.Of(question), TextAnalysis.Of(contexts));
    }

    /// <summary>The same score over texts analysed once per span (shared with the other per-span scorers).</summary>
    public EvaluationResult Score(TextAnalysis question, IReadOnlyList<TextAnalysis> contexts)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(contexts);

        // Distinct question stems with their weight (entity-like occurrences weigh more); questions are short,
        // so a linear scan beats a dictionary.
        Span<int> firstIndex = question.Words.Count <= 256 ? stackalloc int[question.Words.Count] : new int[question.Words.Count];
        Span<double> termWeight = question.Words.Count <= 256 ? stackalloc double[question.Words.Count] : new double[question.Words.Count];
        var terms = 0;
        double totalWeight = 0;
        for (var t = 0; t < question.Words.Count; t++)
        {
            var word = question.Words[t];
            if (word.IsStopWord)
            {
                continue;
            }

            var weight = question.Tokens[t].IsEntityLike ? EntityWeight : 1.0;
            var existing = -1;
            for (var k = 0; k < terms; k++)
            {
                if (string.Equals(question.Words[firstIndex[k]].Stem, word.Stem, StringComparison.Ordinal))
                {
                    existing = k;
                    break;
                }
            }

            if (existing < 0)
            {
                firstIndex[terms] = t;
                termWeight[terms++] = weight;
            }
            else
            {
                termWeight[existing] = Math.Max(termWeight[existing], weight);
            }
        }

        for (var k = 0; k < terms; k++)
        {
            totalWeight += termWeight[k];
        }

        if (terms == 0 || contexts.Count == 0)
        {
            return new EvaluationResult(Name, 0, "irrelevant", contexts.Count == 0 ? "no retrieved context" : "question has no content words");
        }

        double best = 0, sum = 0;
        var bestIndex = 0;
        for (var i = 0; i < contexts.Count; i++)
        {
            var stems = contexts[i].Stems;
            double covered = 0;
            for (var k = 0; k < terms; k++)
            {
                if (stems.Contains(question.Words[firstIndex[k]].Stem))
                {
                    covered += termWeight[k];
                }
            }

            var coverage = covered / totalWeight;
            sum += coverage;
            if (coverage > best)
            {
                best = coverage;
                bestIndex = i;
            }
        }

        var score = TextFeatures.Clamp01((0.7 * best) + (0.3 * sum / contexts.Count));
        var label = score >= RelevantThreshold ? "relevant" : score < IrrelevantThreshold ? "irrelevant" : "partially_relevant";
        return new EvaluationResult(Name, score, label, $"best chunk #{bestIndex + 1} covers {best:P0} of question terms; mean {sum / contexts.Count:P0}");
    }
}
