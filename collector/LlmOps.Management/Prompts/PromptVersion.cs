using System.Text.Json;

namespace LlmOps.Management.Prompts;

/// <summary>One immutable version of a prompt.</summary>
internal sealed record PromptVersion(
    long Version,
    string Template,
    string Guidelines,
    JsonElement Config,
    IReadOnlyList<string> Variables,
    IReadOnlyList<string> Labels,
    string CommitMessage,
    string CreatedBy,
    DateTimeOffset CreatedAt);
