namespace LlmOps.Management.Prompts;

internal sealed record PromptDetail(PromptSummary Prompt, IReadOnlyList<PromptVersion> Versions);
