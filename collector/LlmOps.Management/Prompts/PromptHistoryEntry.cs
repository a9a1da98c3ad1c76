namespace LlmOps.Management.Prompts;

/// <summary>A change to a prompt: <c>version_created</c>, <c>label_moved</c>, <c>label_removed</c> or <c>rollback</c>, with a line diff.</summary>
internal sealed record PromptHistoryEntry(
    long Id,
    DateTimeOffset Timestamp,
    string Action,
    string? Label,
    long? FromVersion,
    long? ToVersion,
    string Actor,
    string? Diff);
