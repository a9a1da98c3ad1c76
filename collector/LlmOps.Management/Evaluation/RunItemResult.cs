namespace LlmOps.Management.Evaluation;

/// <summary>One item's answer and scores in a run.</summary>
internal sealed record RunItemResult(
    long ItemId,
    string Output,
    double LatencyMs,
    long InputTokens,
    long OutputTokens,
    double CostUsd,
    IReadOnlyDictionary<string, DatasetScore> Scores,
    bool Passed,
    string? Error);
