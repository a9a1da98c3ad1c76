namespace LlmOps.Management.Evaluation;

/// <summary>A score in [0, 1] with a short label and a human explanation.</summary>
internal sealed record DatasetScore(double Score, string Label, string Explanation);
