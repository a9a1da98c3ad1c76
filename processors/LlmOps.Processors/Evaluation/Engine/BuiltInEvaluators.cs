namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>The evaluator instances active out of the box (when the registry defines none).</summary>
internal static class BuiltInEvaluators
{
    public const string HighRiskQueue = "High-Risk Responses";

    public static IReadOnlyList<EvaluatorDefinition> Defaults() =>
    [
        new() { Id = "builtin-hallucination", Name = "Hallucination", Scorer = "hallucination", ScoreName = "hallucination", HigherIsBetter = false, PassThreshold = 0.5, FlagQueue = HighRiskQueue },
        new() { Id = "builtin-context-relevance", Name = "Context relevance", Scorer = "context_relevance", ScoreName = "context_relevance", PassThreshold = 0.3 },
        new() { Id = "builtin-conciseness", Name = "Conciseness", Scorer = "conciseness", ScoreName = "conciseness", PassThreshold = 0.4 },
        new() { Id = "builtin-correctness", Name = "Correctness", Scorer = "correctness", ScoreName = "correctness", PassThreshold = 0.5 },
        new() { Id = "builtin-toxicity", Name = "Toxicity", Scorer = "toxicity", ScoreName = "toxicity", HigherIsBetter = false, PassThreshold = 0.5, FlagQueue = HighRiskQueue },
        new() { Id = "builtin-pii-risk", Name = "PII risk", Scorer = "pii_risk", ScoreName = "pii_risk", HigherIsBetter = false, PassThreshold = 0.5, FlagQueue = HighRiskQueue },
    ];
}
