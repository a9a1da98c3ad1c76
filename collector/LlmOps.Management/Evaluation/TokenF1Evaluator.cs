using System.Globalization;

namespace LlmOps.Management.Evaluation;

/// <summary><c>token_f1</c>: harmonic mean of token precision and recall against the expected output.</summary>
internal sealed class TokenF1Evaluator : IDatasetEvaluator
{
    public string Name => "token_f1";

    public static double F1(IReadOnlyList<string> predicted, IReadOnlyList<string> reference)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(reference);
        if (predicted.Count == 0 || reference.Count == 0)
        {
            return predicted.Count == reference.Count ? 1 : 0;
        }

        var counts = reference.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var t in predicted)
        {
            if (counts.TryGetValue(t, out var n) && n > 0)
            {
                counts[t] = n - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / predicted.Count;
        var recall = (double)common / reference.Count;
        return 2 * precision * recall / (precision + recall);
    }

    public DatasetScore Score(string input, string output, string? expected, string? context)
    {
        if (string.IsNullOrWhiteSpace(expected))
        {
            return new DatasetScore(0, "no_expected", "the item has no expected output");
        }

        var f1 = F1(TextNormalizer.Tokens(output), TextNormalizer.Tokens(expected));
        var label = f1 >= 0.8 ? "high" : f1 >= 0.5 ? "partial" : "low";
        return new DatasetScore(f1, label, string.Create(CultureInfo.InvariantCulture, $"token F1 {f1:0.###} against the expected output"));
    }
}
