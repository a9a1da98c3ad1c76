namespace LlmOps.Management.Prompts;

/// <summary>Line diffs between two versions of a prompt's template, guidelines and config.</summary>
internal sealed record PromptDiff(long From, long To, string Template, string Guidelines, string Config);
