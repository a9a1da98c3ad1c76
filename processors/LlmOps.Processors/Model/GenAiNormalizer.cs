using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Sdk;

namespace LlmOps.Processors.Model;

/// <summary>
/// Reads GenAI semantic conventions v1.41, their deprecated names and OpenInference attributes off a span or log record
/// into <see cref="GenAiInfo"/> / <see cref="EvaluationResultRecord"/>. Tolerant: a broken attribute is skipped, never thrown.
/// </summary>
internal static class GenAiNormalizer
{
    /// <summary>
    /// Longest session, user, conversation and response id and evaluation name kept in their columns. These are indexed
    /// (PostgreSQL refuses an index entry over a third of a page, ~2.7 KB, which would fail the whole batch) and typed
    /// into query filters; a longer value is cut to this many characters there and stays whole in the span's attributes.
    /// </summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>
    /// <paramref name="value"/> cut to <see cref="MaxIdentifierLength"/> characters, never inside a surrogate pair, with
    /// NUL characters as U+FFFD: an id goes into URLs (<c>/api/v1/sessions/{id}</c>), where a NUL is refused before any
    /// route is reached, and PostgreSQL's text cannot hold one, so both stores keep the same id.
    /// </summary>
    public static string? Identifier(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            value = value.Replace('\0', '\uFFFD');
        }

        if (value.Length <= MaxIdentifierLength)
        {
            return value;
        }

        var end = char.IsHighSurrogate(value[MaxIdentifierLength - 1]) ? MaxIdentifierLength - 1 : MaxIdentifierLength;
        return value[..end];
    }

    /// <summary>
    /// Largest token count taken from one span (10^12): a negative or larger count is ignored (the attribute stays as
    /// sent), so the token columns and their sums over a trace or session cannot wrap (that would take 9 million spans
    /// at the maximum).
    /// </summary>
    public const long MaxTokenCount = 1_000_000_000_000;

    private static long? Tokens(AttributeList a, string key) =>
        a.Get(key)?.AsLong() is { } n && n is >= 0 and <= MaxTokenCount ? n : null;

    public static GenAiInfo Normalize(SpanRecord span)
    {
        ArgumentNullException.ThrowIfNull(span);
        var a = span.Attributes;
        var g = new GenAiInfo();

        g.Operation = a.GetString(SemanticConventions.GenAiOperationName) ?? OpenInferenceOperation(a);
        g.Provider = a.GetString(SemanticConventions.GenAiProviderName)
            ?? a.GetString(SemanticConventions.GenAiSystemDeprecated)
            ?? a.GetString(SemanticConventions.LlmProvider)
            ?? a.GetString(SemanticConventions.LlmSystem);
        g.RequestModel = a.GetString(SemanticConventions.GenAiRequestModel) ?? a.GetString(SemanticConventions.LlmModelName);
        g.ResponseModel = a.GetString(SemanticConventions.GenAiResponseModel);
        g.ResponseId = Identifier(a.GetString(SemanticConventions.GenAiResponseId));
        g.SystemFingerprint = a.GetString(SemanticConventions.OpenAiResponseSystemFingerprint);
        g.InputTokens = Tokens(a, SemanticConventions.GenAiUsageInputTokens)
            ?? Tokens(a, SemanticConventions.GenAiUsagePromptTokensDeprecated)
            ?? Tokens(a, SemanticConventions.LlmTokenCountPrompt);
        g.OutputTokens = Tokens(a, SemanticConventions.GenAiUsageOutputTokens)
            ?? Tokens(a, SemanticConventions.GenAiUsageCompletionTokensDeprecated)
            ?? Tokens(a, SemanticConventions.LlmTokenCountCompletion);
        g.CachedInputTokens = Tokens(a, SemanticConventions.GenAiUsageCachedInputTokens);
        g.ReasoningTokens = Tokens(a, SemanticConventions.GenAiUsageReasoningTokens);
        g.ConversationId = Identifier(a.GetString(SemanticConventions.GenAiConversationId));
        g.SessionId = Identifier(a.GetString(SemanticConventions.SessionId)) ?? g.ConversationId;
        g.UserId = Identifier(a.GetString(SemanticConventions.UserId) ?? span.Resource.Attributes.GetString(SemanticConventions.UserId));
        g.FinishReasons = a.Get(SemanticConventions.GenAiResponseFinishReasons)?.AsStringList() ?? [];
        g.ErrorType = a.GetString(SemanticConventions.ErrorType);
        g.PromptName = a.GetString(SemanticConventions.GenAiPromptName);
        g.PromptVersion = a.GetString(SemanticConventions.GenAiPromptVersion) ?? a.GetString(SemanticConventions.LlmPromptTemplateVersion);
        g.PromptLabel = a.GetString(SemanticConventions.LlmOpsPromptLabel);
        g.DataSourceId = a.GetString(SemanticConventions.GenAiDataSourceId);

        g.InputMessagesJson = JsonOf(a.Get(SemanticConventions.GenAiInputMessages));
        g.OutputMessagesJson = JsonOf(a.Get(SemanticConventions.GenAiOutputMessages));
        g.SystemInstructionsJson = JsonOf(a.Get(SemanticConventions.GenAiSystemInstructions));
        // The message JSON is parsed only when someone reads InputText / OutputText / RetrievalDocuments.
        g.DeriveLazilyFrom(a);

        g.RetrievalQuery = a.GetString(SemanticConventions.GenAiRetrievalQueryText);
        if (g.IsRetrieval && g.RetrievalQuery is null)
        {
            g.RetrievalQuery = a.GetString(SemanticConventions.OpenInferenceInputValue);
        }

        g.IsGenAi = g.Operation is not null || g.Provider is not null || g.RequestModel is not null
            || g.InputTokens is not null || HasDocuments(a);
        return g;
    }

    internal static string? DeriveInputText(GenAiInfo g, AttributeList a) =>
        MessagesText(g.InputMessagesJson, "user", ref g.InputMessagesParse) ?? InputFallback(a);

    internal static string? DeriveOutputText(GenAiInfo g, AttributeList a) =>
        MessagesText(g.OutputMessagesJson, "assistant", ref g.OutputMessagesParse) ?? OutputFallback(a);

    /// <summary>
    /// The input text a span read back from these attributes alone would derive (what <see cref="GenAiInfo.InputText"/>
    /// gives after <see cref="Normalize"/> when nothing set it). A store need not keep a text that equals it.
    /// <paramref name="parsed"/> is a parse of the same message JSON already done (<see cref="GenAiInfo.InputMessagesParse"/>),
    /// used when the attribute still holds that JSON.
    /// </summary>
    internal static string? InputTextOf(AttributeList a, (string Json, string? Text)? parsed = null) =>
        MessagesText(JsonOf(a.Get(SemanticConventions.GenAiInputMessages)), "user", ref parsed) ?? InputFallback(a);

    /// <summary>The output text derived from these attributes alone; see <see cref="InputTextOf"/>.</summary>
    internal static string? OutputTextOf(AttributeList a, (string Json, string? Text)? parsed = null) =>
        MessagesText(JsonOf(a.Get(SemanticConventions.GenAiOutputMessages)), "assistant", ref parsed) ?? OutputFallback(a);

    /// <summary>
    /// The text <see cref="LastText"/> gives for <paramref name="json"/>: <paramref name="parse"/> when it was read from
    /// the same JSON, else read now and kept in <paramref name="parse"/>.
    /// </summary>
    private static string? MessagesText(string? json, string role, ref (string Json, string? Text)? parse)
    {
        if (json is null)
        {
            return null;
        }

        if (parse is { } p && string.Equals(p.Json, json, StringComparison.Ordinal))
        {
            return p.Text;
        }

        var text = LastText(json, role);
        parse = (json, text);
        return text;
    }

    private static string? InputFallback(AttributeList a) =>
        OpenInferenceMessages(a, SemanticConventions.LlmInputMessagesPrefix, "user")
            ?? a.GetString(SemanticConventions.OpenInferenceInputValue);

    private static string? OutputFallback(AttributeList a) =>
        OpenInferenceMessages(a, SemanticConventions.LlmOutputMessagesPrefix, "assistant")
            ?? a.GetString(SemanticConventions.OpenInferenceOutputValue);

    internal static IReadOnlyList<RetrievedDocument> DeriveDocuments(AttributeList a) =>
        ParseDocuments(a.Get(SemanticConventions.GenAiRetrievalDocuments))
            ?? OpenInferenceDocuments(a)
            ?? DocumentsFromIds(a)
            ?? (IReadOnlyList<RetrievedDocument>)[];

    /// <summary>
    /// Whether the span carries retrieval documents, without parsing them: parsing happens only when a caller that
    /// needs the span's GenAI status finds no cheaper signal (operation, provider, model, tokens).
    /// </summary>
    private static bool HasDocuments(AttributeList a)
    {
        if (a.Get(SemanticConventions.GenAiRetrievalDocuments) is null
            && a.Get(SemanticConventions.LlmOpsRetrievalDocumentIds) is null
            && !HasPrefix(a, SemanticConventions.OpenInferenceRetrievalDocumentsPrefix))
        {
            return false;
        }

        return DeriveDocuments(a).Count > 0;
    }

    private static bool HasPrefix(AttributeList a, string prefix)
    {
        foreach (var kv in a)
        {
            if (kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the evaluation result carried by a log record, or null when it is not one.</summary>
    public static EvaluationResultRecord? NormalizeEvaluation(LogRecordModel log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var a = log.Attributes;
        var isEvaluation = string.Equals(log.EventName, SemanticConventions.GenAiEvaluationResultEvent, StringComparison.Ordinal)
            || string.Equals(a.GetString("event.name"), SemanticConventions.GenAiEvaluationResultEvent, StringComparison.Ordinal)
            || a.Get(SemanticConventions.GenAiEvaluationName) is not null;
        if (!isEvaluation)
        {
            return null;
        }

        return new EvaluationResultRecord
        {
            Name = Identifier(a.GetString(SemanticConventions.GenAiEvaluationName)) ?? "unnamed",
            ScoreValue = a.Get(SemanticConventions.GenAiEvaluationScoreValue)?.AsDouble(),
            ScoreLabel = a.GetString(SemanticConventions.GenAiEvaluationScoreLabel),
            Explanation = a.GetString(SemanticConventions.GenAiEvaluationExplanation) ?? (log.Body.Kind == AttrKind.String ? log.Body.StringValue : null),
            TraceId = log.TraceId,
            SpanId = log.SpanId,
            ResponseId = Identifier(a.GetString(SemanticConventions.GenAiResponseId)),
            TimeUnixNano = log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano,
            Source = "client",
            UserId = Identifier(a.GetString(SemanticConventions.UserId)),
        };
    }

    private static string? OpenInferenceOperation(AttributeList a)
    {
        var kind = a.GetString(SemanticConventions.OpenInferenceSpanKind);
        return kind?.ToUpperInvariant() switch
        {
            "LLM" => "chat",
            "RETRIEVER" => "retrieval",
            "EMBEDDING" => "embeddings",
            "TOOL" => "execute_tool",
            "AGENT" => "invoke_agent",
            _ => null,
        };
    }

    /// <summary>The spec's JSON for a content attribute sent either as a JSON string or as a structured value.</summary>
    private static string? JsonOf(AttrValue? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Kind == AttrKind.String)
        {
            return value.StringValue;
        }

        if (value.Kind is AttrKind.Array or AttrKind.KvList)
        {
            return AttrJson.ToPlainJson(value);
        }

        return null;
    }

    /// <summary>
    /// The text of the last message with <paramref name="role"/> (for the assistant, every assistant message's text, in
    /// order), else of the last message with any text. Only the messages whose text is returned are read into strings.
    /// </summary>
    private static string? LastText(string? messagesJson, string role)
    {
        if (string.IsNullOrEmpty(messagesJson))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(messagesJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            string? found = null;
            JsonElement? any = null;
            foreach (var message in doc.RootElement.EnumerateArray())
            {
                if (!HasText(message))
                {
                    continue;
                }

                any = message;
                if (message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String && r.ValueEquals(role))
                {
                    var text = MessageText(message);
                    found = role == "assistant" && found is not null ? found + "\n" + text : text;
                }
            }

            return found ?? (any is { } last ? MessageText(last) : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether <see cref="MessageText"/> gives a text for <paramref name="message"/>, without building it.</summary>
    private static bool HasText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (message.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (IsTextPart(part, out var c) && !c.ValueEquals(string.Empty))
                {
                    return true;
                }
            }

            return false;
        }

        return message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String;
    }

    /// <summary>A part of type text (or of no type) with string content.</summary>
    private static bool IsTextPart(JsonElement part, out JsonElement content)
    {
        content = default;
        return part.ValueKind == JsonValueKind.Object
            && part.TryGetProperty("content", out content) && content.ValueKind == JsonValueKind.String
            && (!part.TryGetProperty("type", out var t) || t.ValueKind == JsonValueKind.Null || (t.ValueKind == JsonValueKind.String && t.ValueEquals("text")));
    }

    private static string? MessageText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (message.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            // One text part (the usual case) is returned as it is; more are joined with new lines (an empty part
            // before any text adds nothing).
            string? single = null;
            StringBuilder? sb = null;
            foreach (var part in parts.EnumerateArray())
            {
                if (!IsTextPart(part, out var c))
                {
                    continue;
                }

                var text = c.GetString() ?? string.Empty;
                if (single is null)
                {
                    single = text.Length == 0 ? null : text;
                }
                else
                {
                    (sb ??= new StringBuilder(single)).Append('\n').Append(text);
                }
            }

            return sb?.ToString() ?? single;
        }

        return message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null;
    }

    private static string? OpenInferenceMessages(AttributeList a, string prefix, string role)
    {
        string? last = null;
        for (var i = 0; i < 256; i++)
        {
            var content = a.GetString(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}.message.content"));
            if (content is null)
            {
                break;
            }

            var r = a.GetString(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}.message.role"));
            if (r is null || string.Equals(r, role, StringComparison.OrdinalIgnoreCase))
            {
                last = content;
            }
        }

        return last;
    }

    private static List<RetrievedDocument>? OpenInferenceDocuments(AttributeList a)
    {
        List<RetrievedDocument>? docs = null;
        for (var i = 0; i < 1024; i++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"{SemanticConventions.OpenInferenceRetrievalDocumentsPrefix}{i}.document.");
            var id = a.GetString(p + "id");
            var content = a.GetString(p + "content");
            var score = a.Get(p + "score")?.AsDouble();
            if (id is null && content is null && score is null)
            {
                break;
            }

            (docs ??= []).Add(new RetrievedDocument(id, score, content));
        }

        return docs;
    }

    private static List<RetrievedDocument>? DocumentsFromIds(AttributeList a)
    {
        var ids = a.Get(SemanticConventions.LlmOpsRetrievalDocumentIds)?.AsStringList();
        if (ids is null || ids.Count == 0)
        {
            return null;
        }

        var scores = a.Get(SemanticConventions.LlmOpsRetrievalDocumentScores);
        var list = new List<RetrievedDocument>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            double? score = scores?.Kind == AttrKind.Array && scores.ArrayValue!.Count > i ? scores.ArrayValue[i].AsDouble() : null;
            list.Add(new RetrievedDocument(ids[i], score, null));
        }

        return list;
    }

    /// <summary>Parses <c>gen_ai.retrieval.documents</c>: a JSON array string or a structured array of maps.</summary>
    internal static List<RetrievedDocument>? ParseDocuments(AttrValue? value)
    {
        if (value is null)
        {
            return null;
        }

        var json = JsonOf(value);
        if (json is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = new List<RetrievedDocument>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                string? id = e.TryGetProperty("id", out var idEl) ? (idEl.ValueKind == JsonValueKind.String ? idEl.GetString() : idEl.GetRawText()) : null;
                double? score = e.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;
                string? content = e.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                list.Add(new RetrievedDocument(id, score, content));
            }

            return list;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
