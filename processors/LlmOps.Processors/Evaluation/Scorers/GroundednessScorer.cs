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
        return Score(TextAnalysis.Of(answer), TextAnalysis.Of(contexts), string.IsNullOrEmpty(question) ? null : TextAnalysis.Of(question));
    }

    /// <summary>The same score over texts analysed once per span (shared with the other per-span scorers).</summary>
    public EvaluationResult Score(TextAnalysis answer, IReadOnlyList<TextAnalysis> contexts, TextAnalysis? question = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(contexts);
        var questionStems = question is null || question.Text.Length == 0 ? null : question.Stems;
        var tokens = answer.Tokens;
        var words = answer.Words;
        double total = 0, supported = 0;
        int pairs = 0, supportedPairs = 0, contentWords = 0;
        WordInfo? previous = null;
        List<string>? missing = null;
        for (var t = 0; t < words.Count; t++)
        {
            var word = words[t];
            if (word.IsStopWord)
            {
                continue;
            }

            contentWords++;
            var weight = tokens[t].IsEntityLike ? EntityWeight : 1.0;
            total += weight;
            if (AnyContains(contexts, word.Stem))
            {
                supported += weight;
            }
            else
            {
                if (questionStems is not null && questionStems.Contains(word.Stem))
                {
                    supported += weight * QuestionCredit;
                }
                else if (missing is null || missing.Count < 5)
                {
                    (missing ??= []).Add(word.Text);
                }
            }

            if (previous is not null)
            {
                pairs++;
                if (AnyContainsPair(contexts, TextAnalysis.PairKey(previous, word)))
                {
                    supportedPairs++;
                }
            }

            previous = word;
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

    private static bool AnyContains(IReadOnlyList<TextAnalysis> contexts, string stem)
    {
        for (var i = 0; i < contexts.Count; i++)
        {
            if (contexts[i].Stems.Contains(stem))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyContainsPair(IReadOnlyList<TextAnalysis> contexts, long key)
    {
        for (var i = 0; i < contexts.Count; i++)
        {
            if (contexts[i].ContentPairs.Contains(key))
            {
                return true;
            }
        }

        return false;
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
