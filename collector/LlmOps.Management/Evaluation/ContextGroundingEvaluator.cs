using System.Globalization;

namespace LlmOps.Management.Evaluation;

/// <summary><c>context_grounding</c>: share of the answer's tokens found in the item's context (a cheap hallucination proxy).</summary>
internal sealed class ContextGroundingEvaluator : IDatasetEvaluator
{
    public string Name => "context_grounding";

    public DatasetScore Score(string input, string output, string? expected, string? context)
    {
        if (string.IsNullOrWhiteSpace(context))
        {
            return new DatasetScore(0, "no_context", "the item has no context");
        }

        var answer = TextNormalizer.Tokens(output);
        if (answer.Count == 0)
        {
            return new DatasetScore(0, "empty", "the answer is empty");
        }

        var ctx = new HashSet<string>(TextNormalizer.Tokens(context), StringComparer.Ordinal);
        var share = (double)answer.Count(ctx.Contains) / answer.Count;
        return new DatasetScore(share, share >= 0.7 ? "grounded" : "ungrounded", string.Create(CultureInfo.InvariantCulture, $"{share:P0} of the answer's words appear in the context"));
    }
}
