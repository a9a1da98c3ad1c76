namespace LlmOps.Management.Evaluation;

/// <summary>
/// A run: which prompt version it used (the label is resolved once, at start), model, evaluators, thresholds,
/// status (<c>queued</c>, <c>running</c>, <c>completed</c>, <c>failed</c>), progress and, when done, its summary.
/// </summary>
internal sealed record EvaluationRun(
    long Id,
    long DatasetId,
    string Name,
    string PromptName,
    string? PromptLabel,
    long PromptVersion,
    string Model,
    IReadOnlyList<string> Evaluators,
    IReadOnlyDictionary<string, double> Thresholds,
    double Noise,
    string Status,
    long Total,
    long Done,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    RunSummary? Summary);
