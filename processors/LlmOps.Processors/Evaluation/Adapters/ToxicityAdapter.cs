using LlmOps.Processors.Evaluation.Scorers;
using LlmOps.Processors.Guardrails;

namespace LlmOps.Processors.Evaluation.Adapters;

internal sealed class ToxicityAdapter : IToxicityClassifier
{
    private readonly ToxicityScorer _scorer = new();

    public double Toxicity(string text) => _scorer.Score(text).Score;
}
