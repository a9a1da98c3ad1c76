namespace LlmOps.Management.Evaluators;

internal sealed record EvaluationLogQuery(
    string? Evaluator = null,
    string? Status = null,
    string? TraceId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    double? MinScore = null,
    double? MaxScore = null,
    long? BeforeId = null,
    int Limit = 50);
