namespace LlmOps.Management.Evaluators;

/// <summary>A starting point for an LLM-judge evaluator.</summary>
internal sealed record EvaluatorTemplate(string Name, string ScoreName, string Description, string Template);
