namespace LlmOps.Sdk.Context;

/// <summary>Per-call context stored in <c>ChatOptions.AdditionalProperties</c>; removed before the inner client.</summary>
internal sealed class LlmOpsCallContext
{
    public string? SessionId { get; set; }

    public string? UserId { get; set; }

    public string? PromptName { get; set; }

    public string? PromptVersion { get; set; }

    public string? PromptLabel { get; set; }

    public LlmOpsRetrieval? Retrieval { get; set; }
}
