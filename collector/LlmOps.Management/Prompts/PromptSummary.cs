namespace LlmOps.Management.Prompts;

/// <summary>A prompt with its newest version number and where each label points.</summary>
internal sealed record PromptSummary(
    long Id,
    string Name,
    string Description,
    long LatestVersion,
    IReadOnlyDictionary<string, long> Labels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
