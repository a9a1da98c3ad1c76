namespace LlmOps.Processors.Evaluation.Judge;

/// <summary>The judge's answer, or why there is none.</summary>
internal sealed record JudgeVerdict(JudgeStatus Status, double? Score, string? Label, string? Explanation, string? Error);
