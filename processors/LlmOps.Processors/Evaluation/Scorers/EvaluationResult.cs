namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// The outcome of one deterministic evaluator, shaped like a <c>gen_ai.evaluation.result</c> event.
/// </summary>
/// <param name="Name">Evaluator name (<c>gen_ai.evaluation.name</c>), e.g. <c>groundedness</c>.</param>
/// <param name="Score">Score in [0, 1] (<c>gen_ai.evaluation.score.value</c>); the README states each scale's direction.</param>
/// <param name="Label">Discrete label (<c>gen_ai.evaluation.score.label</c>).</param>
/// <param name="Explanation">Short human-readable reason (<c>gen_ai.evaluation.explanation</c>).</param>
internal readonly record struct EvaluationResult(string Name, double Score, string Label, string Explanation);
