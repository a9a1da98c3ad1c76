namespace LlmOps.Management.Annotations;

/// <summary>
/// Where the guardrails processor sends flagged spans. Idempotent on (queue, trace id, span id) through a unique
/// constraint: a span lands in its queue exactly once, even when several collectors process duplicates concurrently.
/// </summary>
internal interface IAnnotationQueueSink
{
    Task<EnqueueResult> EnqueueFlaggedAsync(IReadOnlyList<FlaggedSpan> items, CancellationToken cancellationToken);
}
