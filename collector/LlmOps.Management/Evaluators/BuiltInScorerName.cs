using LlmOps.Processors.Evaluation.Engine;

namespace LlmOps.Management.Evaluators;

/// <summary>
/// Which built-in scorer a <c>builtin</c> evaluator of the registry runs: its score name, else its name, when that is
/// one of the scorers the configuration accepts (<see cref="EvaluationOptionsValidator.KnownScorers"/>); <c>pii</c>
/// stands for <c>pii_risk</c>.
/// </summary>
internal static class BuiltInScorerName
{
    public static IReadOnlyList<string> Known => EvaluationOptionsValidator.KnownScorers;

    /// <summary>The scorer, or null when neither <paramref name="scoreName"/> nor <paramref name="name"/> names one.</summary>
    public static string? Resolve(string? scoreName, string? name)
    {
        foreach (var candidate in new[] { scoreName, name })
        {
            if (candidate is not null && Known.Contains(candidate, StringComparer.Ordinal))
            {
                return candidate;
            }
        }

        return scoreName is "pii" || name is "pii" ? "pii_risk" : null;
    }
}
