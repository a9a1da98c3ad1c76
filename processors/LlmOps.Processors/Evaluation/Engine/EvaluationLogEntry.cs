namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// One line of the evaluation log. Status: <c>ok</c>, <c>skipped</c> (input lacked what the evaluator needs),
/// <c>error</c>, <c>timeout</c>, <c>malformed</c> (the judge's answer could not be read), <c>rate_limited</c>
/// (the judge kept answering 429), <c>dropped</c> (the evaluation queue was full).
/// </summary>
internal sealed record EvaluationLogEntry(
    DateTimeOffset Timestamp,
    string EvaluatorId,
    string EvaluatorName,
    string TraceId,
    string SpanId,
    double? Score,
    double DurationMs,
    string Status,
    string? Message,
    long? SpanRow = null);
