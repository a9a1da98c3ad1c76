namespace LlmOps.Processors.Drift;

/// <summary>
/// One score of one answer with the context drift detection and root-cause analysis split by. A neutral shape the
/// store's query fills (the evaluation result joined with its span); <see cref="Model"/> is the effective model
/// (response model, else request model).
/// </summary>
internal sealed record ScoreSample(
    DateTimeOffset Time,
    string ScoreName,
    double Value,
    string? Model = null,
    string? PromptVersion = null,
    string? DataSource = null,
    string? UserSegment = null,
    string? RetrievalSettings = null,
    IReadOnlyList<string>? DocIds = null,
    string? ResponseModel = null,
    string? Fingerprint = null,
    string? RequestModel = null);
