namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>A score in [0, 1] (higher is better), a short label, and why.</summary>
internal sealed record ScoreOutcome(double Score, string Label, string Explanation);
