namespace LlmOps.Processors.Model;

/// <summary>
/// The GenAI view of a span, normalised from semantic conventions v1.41, their deprecated names and OpenInference
/// <c>llm.*</c> attributes by <see cref="GenAiNormalizer"/>. Null means "not present on the span".
/// </summary>
internal sealed class GenAiInfo
{
    public static readonly GenAiInfo None = new();

    /// <summary>True when the span carries any GenAI attribute.</summary>
    public bool IsGenAi { get; set; }

    public string? Operation { get; set; }

    public string? Provider { get; set; }

    public string? RequestModel { get; set; }

    public string? ResponseModel { get; set; }

    public string? ResponseId { get; set; }

    public string? SystemFingerprint { get; set; }

    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public long? CachedInputTokens { get; set; }

    public long? ReasoningTokens { get; set; }

    public string? ConversationId { get; set; }

    public string? SessionId { get; set; }

    public string? UserId { get; set; }

    public IReadOnlyList<string> FinishReasons { get; set; } = [];

    public string? ErrorType { get; set; }

    public string? PromptName { get; set; }

    public string? PromptVersion { get; set; }

    public string? PromptLabel { get; set; }

    /// <summary><c>gen_ai.input.messages</c> as the spec's JSON (only when the client opted in).</summary>
    public string? InputMessagesJson { get; set; }

    /// <summary><c>gen_ai.output.messages</c> as the spec's JSON (only when the client opted in).</summary>
    public string? OutputMessagesJson { get; set; }

    /// <summary><c>gen_ai.system_instructions</c> as the spec's JSON (only when the client opted in).</summary>
    public string? SystemInstructionsJson { get; set; }

    /// <summary>Plain text of the last user message (or OpenInference <c>input.value</c>), for search and evaluation.</summary>
    public string? InputText { get; set; }

    /// <summary>Plain text of the assistant's answer (or OpenInference <c>output.value</c>), for search and evaluation.</summary>
    public string? OutputText { get; set; }

    public string? RetrievalQuery { get; set; }

    /// <summary>Documents of a retrieval span, or of the retrieval attributes set on a chat span.</summary>
    public IReadOnlyList<RetrievedDocument> RetrievalDocuments { get; set; } = [];

    public string? DataSourceId { get; set; }

    public bool IsRetrieval => string.Equals(Operation, "retrieval", StringComparison.Ordinal);

    /// <summary>The model to price and group by: response model when known, else the request model.</summary>
    public string? EffectiveModel => ResponseModel ?? RequestModel;
}
