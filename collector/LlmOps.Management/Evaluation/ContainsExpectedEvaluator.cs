namespace LlmOps.Management.Evaluation;

/// <summary><c>contains_expected</c>: 1 when the normalised answer contains the normalised expected output.</summary>
internal sealed class ContainsExpectedEvaluator : IDatasetEvaluator
{
    public string Name => "contains_expected";

    public DatasetScore Score(string input, string output, string? expected, string? context)
    {
        if (string.IsNullOrWhiteSpace(expected))
        {
            return new DatasetScore(0, "no_expected", "the item has no expected output");
        }

        var contains = (" " + TextNormalizer.Normalize(output) + " ").Contains(" " + TextNormalizer.Normalize(expected) + " ", StringComparison.Ordinal);
        return contains
            ? new DatasetScore(1, "contains", "the answer contains the expected output")
            : new DatasetScore(0, "missing", "the answer does not contain the expected output");
    }
}
