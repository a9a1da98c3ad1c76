namespace LlmOps.Processors.Model;

/// <summary>
/// The GenAI view of a span, normalised from semantic conventions v1.41, their deprecated names and OpenInference
/// <c>llm.*</c> attributes by <see cref="GenAiNormalizer"/>. Null means "not present on the span".
/// </summary>
/// <remarks>
/// <see cref="InputText"/>, <see cref="OutputText"/> and <see cref="RetrievalDocuments"/> are computed from the span's
/// attributes on first read and then kept; a setter replaces the value. Like the rest of the span model this is meant
/// for one thread at a time (the ingest worker); two threads reading a fresh value race only to compute the same result.
/// </remarks>
internal sealed class GenAiInfo
{
    public static readonly GenAiInfo None = new();

    private AttributeList? _source;
    private string? _inputText;
    private string? _outputText;
    private IReadOnlyList<RetrievedDocument> _documents = [];
    private bool _inputTextReady;
    private bool _outputTextReady;
    private bool _documentsReady;

    /// <summary>
    /// The last message text read out of a message JSON (the JSON and what it gave), so that a caller who derives the
    /// text again from the same JSON (the store, deciding whether the text need be kept) does not parse it twice.
    /// A field, so that <see cref="GenAiNormalizer"/> can fill it by reference.
    /// </summary>
    internal (string Json, string? Text)? InputMessagesParse;

    /// <summary>As <see cref="InputMessagesParse"/>, for the output messages.</summary>
    internal (string Json, string? Text)? OutputMessagesParse;

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

    /// <summary>
    /// Plain text of the last user message (or OpenInference <c>input.value</c>), for search and evaluation. Derived
    /// from the message JSON on first read (not at ingest), so spans whose text nobody reads never parse it.
    /// </summary>
    public string? InputText
    {
        get
        {
            if (!_inputTextReady)
            {
                _inputText = _source is null ? null : GenAiNormalizer.DeriveInputText(this, _source);
                _inputTextReady = true;
            }

            return _inputText;
        }

        set
        {
            _inputText = value;
            _inputTextReady = true;
        }
    }

    /// <summary>Plain text of the assistant's answer (or OpenInference <c>output.value</c>), derived on first read like <see cref="InputText"/>.</summary>
    public string? OutputText
    {
        get
        {
            if (!_outputTextReady)
            {
                _outputText = _source is null ? null : GenAiNormalizer.DeriveOutputText(this, _source);
                _outputTextReady = true;
            }

            return _outputText;
        }

        set
        {
            _outputText = value;
            _outputTextReady = true;
        }
    }

    public string? RetrievalQuery { get; set; }

    /// <summary>Documents of a retrieval span, or of the retrieval attributes set on a chat span.</summary>
    public IReadOnlyList<RetrievedDocument> RetrievalDocuments
    {
        get
        {
            if (!_documentsReady)
            {
                _documents = _source is null ? [] : GenAiNormalizer.DeriveDocuments(_source);
                _documentsReady = true;
            }

            return _documents;
        }

        set
        {
            _documents = value;
            _documentsReady = true;
        }
    }

    public string? DataSourceId { get; set; }

    public bool IsRetrieval => string.Equals(Operation, "retrieval", StringComparison.Ordinal);

    /// <summary>
    /// The model to price and group by: the response model when known, else the request model; an empty name (a sender
    /// setting the attribute to "") counts as unknown.
    /// </summary>
    public string? EffectiveModel => string.IsNullOrEmpty(ResponseModel) ? (string.IsNullOrEmpty(RequestModel) ? null : RequestModel) : ResponseModel;

    /// <summary>Makes the derived text and document fields lazy over <paramref name="attributes"/> (until set explicitly).</summary>
    internal void DeriveLazilyFrom(AttributeList attributes)
    {
        _source = attributes;
        _inputTextReady = _outputTextReady = _documentsReady = false;
    }
}
