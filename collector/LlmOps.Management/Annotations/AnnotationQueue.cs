namespace LlmOps.Management.Annotations;

/// <summary>
/// A review queue. <see cref="FlagRules"/> route flagged spans here by guardrail rule (besides routing by queue name).
/// <see cref="Status"/> is <c>active</c> or <c>stopped</c>: a stopped queue still collects flagged spans but hands
/// out no work.
/// </summary>
internal sealed record AnnotationQueue(
    long Id,
    string Name,
    string Description,
    IReadOnlyList<ScoreConfig> ScoreConfigs,
    IReadOnlyList<string> FlagRules,
    string Status,
    long LeaseSeconds,
    QueueProgress Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
