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
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in WordTokenizer.Tokenize(question))
        {
            if (!StopWords.Contains(token.Text))
            {
                var stem = StemCache.Stem(token.Text);
                terms[stem] = Math.Max(terms.GetValueOrDefault(stem), token.IsEntityLike ? EntityWeight : 1.0);
            }
        }

        if (terms.Count == 0 || contexts.Count == 0)
        {
            return new EvaluationResult(Name, 0, "irrelevant", contexts.Count == 0 ? "no retrieved context" : "question has no content words");
        }

        var totalWeight = terms.Values.Sum();
        double best = 0, sum = 0;
        var bestIndex = 0;
        var stems = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < contexts.Count; i++)
        {
            stems.Clear();
            TextFeatures.AddStems(contexts[i] ?? string.Empty, stems, null);
            double covered = 0;
            foreach (var (term, weight) in terms)
            {
                if (stems.Contains(term))
                {
                    covered += weight;
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
