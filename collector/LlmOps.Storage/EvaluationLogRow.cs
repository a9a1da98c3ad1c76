namespace LlmOps.Storage;

/// <summary>One line of the evaluation log (the management schema's <c>evaluation_logs</c> table).</summary>
public sealed record EvaluationLogRow(
    long TimestampUnixMs,
    string Evaluator,
    string? TraceId,
    string? SpanId,
    double? Score,
    double DurationMs,
    string Status,
    string? Message,
    long? SpanRow = null);
