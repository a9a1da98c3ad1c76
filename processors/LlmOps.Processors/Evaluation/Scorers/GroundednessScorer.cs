using System.Text;
using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Groundedness (the inverse of hallucination): how much of an answer's content is supported by the retrieved
/// context. 1 = every content word, number and name of the answer occurs in the context; 0 = none does.
/// Words the answer merely repeats from the question earn partial credit; names and numbers weigh more than
/// ordinary words; adjacent content-word pairs found in the context add phrase-level support.
/// </summary>
internal sealed class GroundednessScorer
{
    public const string Name = "groundedness";
    private const double EntityWeight = 3.0;
    private const double QuestionCredit = 0.5;
    private const double PhraseShare = 0.25;

    public GroundednessScorer(double groundedThreshold = 0.7, double hallucinatedThreshold = 0.4)
    {
        GroundedThreshold = groundedThreshold;
        HallucinatedThreshold = hallucinatedThreshold;
    }

    /// <summary>Scores at or above this are labelled <c>grounded</c>.</summary>
    public double GroundedThreshold { get; }

    /// <summary>Scores below this are labelled <c>hallucinated</c>; in between, <c>partially_grounded</c>.</summary>
    public double HallucinatedThreshold { get; }

    public EvaluationResult Score(string answer, IReadOnlyList<string> contexts, string? question = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(contexts);
        var contextStems = new HashSet<string>(StringComparer.Ordinal);
        var contextPairs = new HashSet<long>();
        foreach (var context in contexts)
        {
            if (context is not null)
            {
                TextFeatures.AddStems(context, contextStems, contextPairs);
            }
        }

        HashSet<string>? questionStems = null;
        if (!string.IsNullOrEmpty(question))
        {
            questionStems = new HashSet<string>(StringComparer.Ordinal);
            TextFeatures.AddStems(question, questionStems, null);
        }

        var tokens = WordTokenizer.Tokenize(answer);
        double total = 0, supported = 0;
        int pairs = 0, supportedPairs = 0, contentWords = 0;
        string? previous = null;
        List<string>? missing = null;
        foreach (var token in tokens)
        {
            if (StopWords.Contains(token.Text))
            {
                continue;
            }

            contentWords++;
            var stem = StemCache.Stem(token.Text);
            var weight = token.IsEntityLike ? EntityWeight : 1.0;
            total += weight;
            if (contextStems.Contains(stem))
            {
                supported += weight;
            }
            else
            {
                if (questionStems is not null && questionStems.Contains(stem))
                {
                    supported += weight * QuestionCredit;
                }
                else if (missing is null || missing.Count < 5)
                {
                    (missing ??= []).Add(token.Text);
                }
            }

            if (previous is not null)
            {
                pairs++;
                if (contextPairs.Contains(TextFeatures.PairKey(previous, stem)))
                {
                    supportedPairs++;
                }
            }

            previous = stem;
        }

        if (contentWords == 0)
        {
            return new EvaluationResult(Name, 1.0, "grounded", "answer has no content words to check");
        }

        var unigram = supported / total;
        var score = pairs == 0 ? unigram : ((1 - PhraseShare) * unigram) + (PhraseShare * supportedPairs / pairs);
        score = TextFeatures.Clamp01(score);
        var label = score >= GroundedThreshold ? "grounded" : score < HallucinatedThreshold ? "hallucinated" : "partially_grounded";
        return new EvaluationResult(Name, score, label, Explain(unigram, supportedPairs, pairs, missing));
    }

    private static string Explain(double unigram, int supportedPairs, int pairs, List<string>? missing)
    {
        var sb = new StringBuilder(96);
        sb.Append("term support ").Append(Math.Round(unigram * 100)).Append('%');
        if (pairs > 0)
        {
            sb.Append(", phrases ").Append(supportedPairs).Append('/').Append(pairs);
        }

        if (missing is not null)
        {
            sb.Append("; not in context: ").AppendJoin(", ", missing);
        }

        return sb.ToString();
    }
}
