namespace LlmOps.Management.Evaluators;

/// <summary>
/// One evaluator execution. <see cref="Status"/> is one of <c>ok</c>, <c>error</c>, <c>timeout</c>, <c>skipped</c>,
/// <c>malformed</c>, <c>rate_limited</c>; <see cref="Id"/> is assigned by the store (0 when appending).
/// </summary>
internal sealed record EvaluationLogEntry(
    long Id,
    DateTimeOffset Timestamp,
    string Evaluator,
    string? TraceId,
    string? SpanId,
    double? Score,
    double DurationMs,
    string Status,
    string? Message)
{
    public static IReadOnlyList<string> Statuses { get; } = ["ok", "error", "timeout", "skipped", "malformed", "rate_limited"];
}
