using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Evaluation.Scorers;

namespace LlmOps.Processors.Evaluation.Adapters;

/// <summary>An <see cref="IScorer"/> over one of the deterministic scorers; null when the input lacks what it needs.</summary>
internal sealed class ResultScorer(string name, Func<EvaluationInput, EvaluationResult?> score) : IScorer
{
    public string Name { get; } = name;

    public ScoreOutcome? Score(EvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return score(input) is { } r ? new ScoreOutcome(r.Score, r.Label, r.Explanation) : null;
    }
}
