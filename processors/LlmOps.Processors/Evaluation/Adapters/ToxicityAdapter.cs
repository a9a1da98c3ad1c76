using LlmOps.Processors.Guardrails;
using LlmOps.Processors.Evaluation.Scorers;

namespace LlmOps.Processors.Evaluation.Adapters;

internal sealed class ToxicityAdapter : IToxicityClassifier
{
    private readonly ToxicityScorer _scorer = new();

    public double Toxicity(string text) => _scorer.Score(text).Score;
}
