using LlmOps.Processors.Evaluation.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Correctness against an expected answer: the best of stemmed content-token F1 and containment (the expected
/// answer's content words all occur in the answer, as in extractive QA), then scaled by numeric agreement
/// (numbers in the expected answer must appear; a different number is a contradiction).
/// 1 = matches the expected answer; 0 = unrelated or contradicting.
/// </summary>
internal sealed class CorrectnessScorer
{
    public const string Name = "correctness";

    public CorrectnessScorer(double correctThreshold = 0.7, double incorrectThreshold = 0.3)
    {
        CorrectThreshold = correctThreshold;
        IncorrectThreshold = incorrectThreshold;
    }

    public double CorrectThreshold { get; }

    public double IncorrectThreshold { get; }

    public EvaluationResult Score(string answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(expected);
        var answerBag = Bag(answer, out var answerNumbers);
        var expectedBag = Bag(expected, out var expectedNumbers);
        if (expectedBag.Count == 0)
        {
            return new EvaluationResult(Name, answerBag.Count == 0 ? 1 : 0, answerBag.Count == 0 ? "correct" : "incorrect", "expected answer has no content words");
        }

        int overlap = 0, answerTotal = 0, expectedTotal = 0, contained = 0;
        foreach (var (stem, count) in expectedBag)
        {
            expectedTotal += count;
            var inAnswer = answerBag.GetValueOrDefault(stem);
            overlap += Math.Min(count, inAnswer);
            contained += inAnswer > 0 ? 1 : 0;
        }

        foreach (var count in answerBag.Values)
        {
            answerTotal += count;
        }

        var precision = answerTotal == 0 ? 0 : (double)overlap / answerTotal;
        var recall = (double)overlap / expectedTotal;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var containment = (double)contained / expectedBag.Count;

        // Full containment of a short expected answer is strong evidence; partial containment counts less.
        var score = Math.Max(f1, containment >= 1 ? 0.9 + (0.1 * f1) : 0.8 * containment);

        var numeric = 1.0;
        var explanation = $"token F1 {f1:F2}, containment {containment:P0}";
        if (expectedNumbers.Count > 0)
        {
            var matched = expectedNumbers.Count(answerNumbers.Contains);
            numeric = (double)matched / expectedNumbers.Count;
            if (matched < expectedNumbers.Count && answerNumbers.Count > 0)
            {
                numeric *= 0.5;
            }

            score *= 0.5 + (0.5 * numeric);
            explanation += $", numbers {matched}/{expectedNumbers.Count} agree";
        }

        score = TextFeatures.Clamp01(score);
        var label = score >= CorrectThreshold ? "correct" : score < IncorrectThreshold ? "incorrect" : "partially_correct";
        return new EvaluationResult(Name, score, label, explanation);
    }

    private static Dictionary<string, int> Bag(string text, out HashSet<string> numbers)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            if (StopWords.Contains(token.Text))
            {
                continue;
            }

            if (TextFeatures.IsNumber(token.Text))
            {
                numbers.Add(token.Text.Replace(",", string.Empty, StringComparison.Ordinal));
            }

            var stem = StemCache.Stem(token.Text);
            bag[stem] = bag.GetValueOrDefault(stem) + 1;
        }

        return bag;
    }
}
