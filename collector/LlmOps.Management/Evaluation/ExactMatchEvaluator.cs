namespace LlmOps.Management.Evaluation;

/// <summary><c>exact_match</c>: 1 when the normalised answer equals the normalised expected output.</summary>
internal sealed class ExactMatchEvaluator : IDatasetEvaluator
{
    public string Name => "exact_match";

    public DatasetScore Score(string input, string output, string? expected, string? context)
    {
        if (string.IsNullOrWhiteSpace(expected))
        {
            return new DatasetScore(0, "no_expected", "the item has no expected output");
        }

        var match = string.Equals(TextNormalizer.Normalize(output), TextNormalizer.Normalize(expected), StringComparison.Ordinal);
        return match
            ? new DatasetScore(1, "match", "the answer equals the expected output")
            : new DatasetScore(0, "mismatch", "the answer differs from the expected output");
    }
}
