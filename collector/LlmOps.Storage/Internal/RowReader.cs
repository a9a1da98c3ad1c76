using System.Data.Common;
using LlmOps.Processors.Model;
using LlmOps.Storage.Queries;

namespace LlmOps.Storage.Internal;

/// <summary>Maps rows of both databases back to the model (column order from <see cref="SpanColumns"/> and the trace/session SELECT lists).</summary>
internal static class RowReader
{
    public const string TraceSelectList =
        "t.trace_id, t.root_span_id, t.name, t.service_name, t.start_ns, t.end_ns, t.duration_ms, t.span_count, t.error_count, "
        + "t.status_code, t.models, t.user_id, t.session_id, t.input_tokens, t.output_tokens, t.cost_usd, t.priced_spans, "
        + "t.input_text, t.output_text";

    public const string SessionSelectList =
        "s.session_id, s.user_id, s.first_seen_ns, s.last_seen_ns, s.trace_count, s.error_trace_count, s.input_tokens, "
        + "s.output_tokens, s.cost_usd, s.priced_spans";

    public const string EvaluationSelectList =
        "e.name, e.score_value, e.score_label, e.explanation, e.trace_id, e.span_id, e.response_id, e.source, e.time_unix_nano, e.user_id";

    /// <summary>Reads a span row; the resource columns (schema url, attributes) follow the span columns.</summary>
    public static SpanRecord ReadSpan(DbDataReader r, Dictionary<string, ResourceInfo> resources)
    {
        var span = new SpanRecord
        {
            TraceId = r.GetString(SpanColumns.TraceId),
            SpanId = r.GetString(SpanColumns.SpanId),
            ParentSpanId = Str(r, SpanColumns.ParentSpanId),
            Name = r.GetString(SpanColumns.Name),
            Kind = (SpanKindCode)r.GetInt64(SpanColumns.Kind),
            StartTimeUnixNano = r.GetInt64(SpanColumns.StartTime),
            EndTimeUnixNano = r.GetInt64(SpanColumns.EndTime),
            StatusCode = (StatusCodeValue)r.GetInt64(SpanColumns.StatusCode),
            StatusMessage = Str(r, SpanColumns.StatusMessage) ?? string.Empty,
            TraceState = Str(r, SpanColumns.TraceState) ?? string.Empty,
            Flags = (uint)r.GetInt64(SpanColumns.Flags),
            DroppedAttributesCount = (uint)r.GetInt64(SpanColumns.DroppedAttributesCount),
            DroppedEventsCount = (uint)r.GetInt64(SpanColumns.DroppedEventsCount),
            DroppedLinksCount = (uint)r.GetInt64(SpanColumns.DroppedLinksCount),
            CostUsd = Dbl(r, SpanColumns.CostUsd),
            Attributes = SpanJson.ParseAttributes(Str(r, SpanColumns.Attributes)),
            Events = SpanJson.ParseEvents(Str(r, SpanColumns.Events)),
            Links = SpanJson.ParseLinks(Str(r, SpanColumns.Links)),
            Scope = new ScopeInfo
            {
                Name = Str(r, SpanColumns.ScopeName) ?? string.Empty,
                Version = Str(r, SpanColumns.ScopeVersion) ?? string.Empty,
                Attributes = SpanJson.ParseAttributes(Str(r, SpanColumns.ScopeAttributes)),
            },
        };

        var resourceId = Str(r, SpanColumns.ResourceId);
        if (resourceId is not null)
        {
            if (!resources.TryGetValue(resourceId, out var resource))
            {
                var schemaUrl = Str(r, SpanColumns.Names.Length) ?? string.Empty;
                resource = new ResourceRow(resourceId, schemaUrl, Str(r, SpanColumns.Names.Length + 1)).ToInfo();
                resources.Add(resourceId, resource);
            }

            span.Resource = resource;
        }

        span.GuardrailFlags.AddRange(SpanJson.ParseGuardrails(Str(r, SpanColumns.GuardrailFlags)));

        // Fields the store keeps no column for (message JSON, retrieval query, ...) come from the attributes, which are
        // kept whole; the stored columns then win, since processors may have changed them after normalisation.
        var g = GenAiNormalizer.Normalize(span);
        g.IsGenAi = r.GetInt64(SpanColumns.IsGenAi) != 0;
        g.Operation = Str(r, SpanColumns.Operation);
        g.Provider = Str(r, SpanColumns.Provider);
        g.RequestModel = Str(r, SpanColumns.RequestModel);
        g.ResponseModel = Str(r, SpanColumns.ResponseModel);
        g.ResponseId = Str(r, SpanColumns.ResponseId);
        g.InputTokens = Long(r, SpanColumns.InputTokens);
        g.OutputTokens = Long(r, SpanColumns.OutputTokens);
        g.CachedInputTokens = Long(r, SpanColumns.CachedInputTokens);
        g.ReasoningTokens = Long(r, SpanColumns.ReasoningTokens);
        g.ConversationId = Str(r, SpanColumns.ConversationId);
        g.SessionId = Str(r, SpanColumns.SessionId);
        g.UserId = Str(r, SpanColumns.UserId);
        g.FinishReasons = SpanJson.ParseStrings(Str(r, SpanColumns.FinishReasons));
        g.ErrorType = Str(r, SpanColumns.ErrorType);
        g.PromptName = Str(r, SpanColumns.PromptName);
        g.PromptVersion = Str(r, SpanColumns.PromptVersion);
        // NULL: the text is what the attributes derive (set up by Normalize above, computed on first read); an empty
        // string: no text although the attributes would give one (see SpanColumns.StoredText).
        if (Str(r, SpanColumns.InputText) is { } input)
        {
            g.InputText = input.Length == 0 ? null : input;
        }

        if (Str(r, SpanColumns.OutputText) is { } output)
        {
            g.OutputText = output.Length == 0 ? null : output;
        }
        g.RetrievalDocuments = SpanJson.ParseDocuments(Str(r, SpanColumns.RetrievalDocuments));
        span.GenAi = g;
        return span;
    }

    public static TraceSummary ReadTrace(DbDataReader r) => new()
    {
        TraceId = r.GetString(0),
        RootSpanId = Str(r, 1),
        Name = Str(r, 2) ?? string.Empty,
        ServiceName = Str(r, 3),
        StartTimeUnixNano = r.GetInt64(4),
        EndTimeUnixNano = r.GetInt64(5),
        DurationMs = r.GetDouble(6),
        SpanCount = r.GetInt64(7),
        ErrorCount = r.GetInt64(8),
        Status = (TraceStatus)r.GetInt64(9),
        Models = ModelSet.Parse(Str(r, 10)),
        UserId = Str(r, 11),
        SessionId = Str(r, 12),
        InputTokens = r.GetInt64(13),
        OutputTokens = r.GetInt64(14),
        CostUsd = r.GetInt64(16) > 0 ? r.GetDouble(15) : null,
        InputText = Str(r, 17),
        OutputText = Str(r, 18),
    };

    public static SessionSummary ReadSession(DbDataReader r) => new()
    {
        SessionId = r.GetString(0),
        UserId = Str(r, 1),
        FirstSeenUnixNano = r.GetInt64(2),
        LastSeenUnixNano = r.GetInt64(3),
        TraceCount = r.GetInt64(4),
        ErrorTraceCount = r.GetInt64(5),
        InputTokens = r.GetInt64(6),
        OutputTokens = r.GetInt64(7),
        CostUsd = r.GetInt64(9) > 0 ? r.GetDouble(8) : null,
    };

    public static EvaluationResultRecord ReadEvaluation(DbDataReader r) => new()
    {
        Name = r.GetString(0),
        ScoreValue = Dbl(r, 1),
        ScoreLabel = Str(r, 2),
        Explanation = Str(r, 3),
        TraceId = EmptyToNull(r.GetString(4)),
        SpanId = EmptyToNull(r.GetString(5)),
        ResponseId = EmptyToNull(r.GetString(6)),
        Source = r.GetString(7),
        TimeUnixNano = r.GetInt64(8),
        UserId = Str(r, 9),
    };

    private static string? EmptyToNull(string s) => s.Length == 0 ? null : s;

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static double? Dbl(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
