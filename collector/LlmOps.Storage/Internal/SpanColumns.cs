namespace LlmOps.Storage.Internal;

/// <summary>
/// The columns of the <c>spans</c> table in insert order (the same in both databases). Small, fixed-size columns come
/// first and the large text/JSON ones last, so rollups and filters read rows without touching overflow pages.
/// </summary>
internal static class SpanColumns
{
    /// <summary>
    /// What the SQLite store keeps in <c>input_text</c>/<c>output_text</c>: NULL when the text equals what the span's
    /// stored attributes derive to (nearly always: the column would repeat the message attribute), the text when it
    /// differs (a processor replaced it, e.g. redaction), and an empty string when there is no text although the
    /// attributes would give one.
    /// </summary>
    public static string? StoredText(string? text, string? derivable) =>
        string.Equals(text, derivable, StringComparison.Ordinal) ? null : text ?? string.Empty;

    public const int TraceId = 0;
    public const int SpanId = 1;
    public const int ParentSpanId = 2;
    public const int Name = 3;
    public const int Kind = 4;
    public const int StartTime = 5;
    public const int EndTime = 6;
    public const int DurationMs = 7;
    public const int StatusCode = 8;
    public const int StatusMessage = 9;
    public const int TraceState = 10;
    public const int Flags = 11;
    public const int ServiceName = 12;
    public const int ScopeName = 13;
    public const int ScopeVersion = 14;
    public const int Operation = 15;
    public const int Provider = 16;
    public const int RequestModel = 17;
    public const int ResponseModel = 18;
    public const int ResponseId = 19;
    public const int InputTokens = 20;
    public const int OutputTokens = 21;
    public const int CachedInputTokens = 22;
    public const int ReasoningTokens = 23;
    public const int ConversationId = 24;
    public const int SessionId = 25;
    public const int UserId = 26;
    public const int FinishReasons = 27;
    public const int ErrorType = 28;
    public const int PromptName = 29;
    public const int PromptVersion = 30;
    public const int CostUsd = 31;
    public const int DroppedAttributesCount = 32;
    public const int DroppedEventsCount = 33;
    public const int DroppedLinksCount = 34;
    public const int ResourceId = 35;
    public const int IsGenAi = 36;
    public const int InputText = 37;
    public const int OutputText = 38;
    public const int Attributes = 39;
    public const int Events = 40;
    public const int Links = 41;
    public const int ScopeAttributes = 42;
    public const int RetrievalDocuments = 43;
    public const int GuardrailFlags = 44;

    public static readonly string[] Names =
    [
        "trace_id", "span_id", "parent_span_id", "name", "kind", "start_time_unix_nano", "end_time_unix_nano", "duration_ms",
        "status_code", "status_message", "trace_state", "flags", "service_name", "scope_name", "scope_version",
        "operation", "provider", "request_model", "response_model", "response_id", "input_tokens", "output_tokens",
        "cached_input_tokens", "reasoning_tokens", "conversation_id", "session_id", "user_id", "finish_reasons", "error_type",
        "prompt_name", "prompt_version", "cost_usd", "dropped_attributes_count", "dropped_events_count",
        "dropped_links_count", "resource_id", "is_gen_ai", "input_text", "output_text", "attributes", "events", "links",
        "scope_attributes", "retrieval_documents", "guardrail_flags",
    ];

    /// <summary><c>s.trace_id, s.span_id, ...</c> for SELECTs.</summary>
    public static string SelectList(string alias) => string.Join(", ", Names.Select(n => alias + "." + n));
}
