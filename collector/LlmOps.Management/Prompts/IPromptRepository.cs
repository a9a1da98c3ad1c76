namespace LlmOps.Management.Prompts;

/// <summary>Prompts with immutable versions and movable labels. Every mutation is audited in its own transaction.</summary>
internal interface IPromptRepository
{
    Task<IReadOnlyList<PromptSummary>> ListAsync(string? search, string? label, CancellationToken cancellationToken);

    Task<PromptDetail> GetAsync(string name, CancellationToken cancellationToken);

    Task<PromptDetail> CreateAsync(CreatePromptRequest request, string actor, CancellationToken cancellationToken);

    Task<PromptVersion> AddVersionAsync(string name, NewPromptVersionRequest request, string actor, CancellationToken cancellationToken);

    Task<PromptVersion> GetVersionAsync(string name, long version, CancellationToken cancellationToken);

    Task<PromptSummary> MoveLabelAsync(string name, string label, long version, string actor, CancellationToken cancellationToken);

    Task<PromptSummary> RemoveLabelAsync(string name, string label, string actor, CancellationToken cancellationToken);

    /// <summary>Moves <paramref name="label"/> back: to <paramref name="toVersion"/>, or to where it pointed before its last move.</summary>
    Task<PromptSummary> RollbackAsync(string name, string label, long? toVersion, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<PromptHistoryEntry>> HistoryAsync(string name, CancellationToken cancellationToken);

    Task<PromptDiff> DiffAsync(string name, long from, long to, CancellationToken cancellationToken);

    /// <summary>The version a label points to (or an explicit version); 404 when the prompt, label or version is missing.</summary>
    Task<ResolvedPrompt> ResolveAsync(string name, string? label, long? version, CancellationToken cancellationToken);
}
