using System.Text.Json;

namespace LlmOps.Management.Annotations;

/// <summary>One span to review. <see cref="Status"/>: <c>pending</c>, <c>claimed</c>, <c>completed</c>, <c>skipped</c>.</summary>
internal sealed record AnnotationItem(
    long Id,
    long QueueId,
    string TraceId,
    string SpanId,
    string Reason,
    string Severity,
    string Source,
    string? Input,
    string? Output,
    string Status,
    string? ClaimedBy,
    DateTimeOffset? LeaseExpiresAt,
    JsonElement? Scores,
    string? Comment,
    string? CorrectedOutput,
    string? CompletedBy,
    DateTimeOffset? CompletedAt,
    DateTimeOffset FlaggedAt,
    DateTimeOffset CreatedAt);
