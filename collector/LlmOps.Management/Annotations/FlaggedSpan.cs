namespace LlmOps.Management.Annotations;

/// <summary>
/// A span a guardrail flagged. It goes to the queue named <see cref="Queue"/> when given, otherwise to every queue
/// whose flag rules include <see cref="Rule"/>. <see cref="Input"/>/<see cref="Output"/> are shown to reviewers
/// (pass them only when content capture is enabled).
/// </summary>
internal sealed record FlaggedSpan(
    string TraceId,
    string SpanId,
    string? Queue,
    string Rule,
    string Reason,
    string Severity,
    DateTimeOffset Time,
    string? Input = null,
    string? Output = null);
