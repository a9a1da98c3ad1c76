namespace LlmOps.Management.Evaluation;

/// <summary>What a finished run measured.</summary>
internal sealed record RunSummary(
    long Items,
    long Passed,
    long Errors,
    double PassRate,
    double AverageScore,
    double AverageLatencyMs,
    double TotalCostUsd,
    long InputTokens,
    long OutputTokens,
    IReadOnlyDictionary<string, MetricSummary> Metrics);
