using System.Globalization;
using System.Text.Json;
using LlmOps.Processors.Model;
using LlmOps.Storage.Internal;
using LlmOps.Storage.Queries;

namespace LlmOps.Collector.Api;

/// <summary>
/// The query API's JSON (snake_case; Unix nanosecond times as strings, like OTLP/JSON, plus RFC 3339 copies;
/// attributes in typed OTLP/JSON form).
/// </summary>
internal static class QueryJson
{
    /// <summary>
    /// Levels of <c>children</c> a span tree nests in a trace detail (the root is level 0). A span deeper than this is
    /// not nested: it starts a tree of its own at the top of <c>spans</c>, after the roots, with its
    /// <c>parent_span_id</c>. This keeps the answer within the JSON depth readers accept (about 2 levels a span) and
    /// every stored span in it.
    /// </summary>
    public const int MaxTreeDepth = 100;

    public static void WriteTracePage(Utf8JsonWriter w, TracePage page)
    {
        w.WriteStartObject();
        w.WritePropertyName("items");
        w.WriteStartArray();
        foreach (var t in page.Items)
        {
            WriteTraceSummary(w, t);
        }

        w.WriteEndArray();
        WriteNullableString(w, "next_cursor", page.Next?.Encode());
        w.WriteBoolean("search_incomplete", page.SearchIncomplete);
        w.WriteEndObject();
    }

    public static void WriteSessionPage(Utf8JsonWriter w, SessionPage page)
    {
        w.WriteStartObject();
        w.WritePropertyName("items");
        w.WriteStartArray();
        foreach (var s in page.Items)
        {
            WriteSessionSummary(w, s);
        }

        w.WriteEndArray();
        WriteNullableString(w, "next_cursor", page.Next?.Encode());
        w.WriteEndObject();
    }

    public static void WriteSessionDetail(Utf8JsonWriter w, SessionDetail detail)
    {
        w.WriteStartObject();
        w.WritePropertyName("session");
        WriteSessionSummary(w, detail.Summary);
        w.WritePropertyName("traces");
        w.WriteStartArray();
        foreach (var t in detail.Traces)
        {
            WriteTraceSummary(w, t);
        }

        w.WriteEndArray();
        w.WriteBoolean("truncated", detail.Truncated);
        w.WriteEndObject();
    }

    public static void WriteTraceDetail(Utf8JsonWriter w, TraceDetail detail)
    {
        var spans = detail.Spans;
        var ids = new HashSet<string>(spans.Select(s => s.SpanId), StringComparer.Ordinal);
        var children = new Dictionary<string, List<SpanRecord>>(StringComparer.Ordinal);
        var roots = new List<SpanRecord>();
        foreach (var s in spans)
        {
            if (s.ParentSpanId is { } parent && ids.Contains(parent) && parent != s.SpanId)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    list = [];
                    children.Add(parent, list);
                }

                list.Add(s);
            }
            else
            {
                roots.Add(s);
            }
        }

        var retrievals = spans.Where(s => s.GenAi.IsRetrieval && s.GenAi.RetrievalDocuments.Count > 0).ToList();
        var context = new TraceContext(children, retrievals, detail.Evaluations, new HashSet<string>(StringComparer.Ordinal), new Queue<SpanRecord>());

        w.WriteStartObject();
        w.WritePropertyName("trace");
        WriteTraceSummary(w, detail.Summary);
        w.WritePropertyName("spans");
        w.WriteStartArray();
        foreach (var root in roots)
        {
            WriteSpan(w, root, context, depth: 0);
        }

        // Then the subtrees cut at MaxTreeDepth, and spans no root leads to (a parent cycle), each once.
        while (NextUnwritten(spans, context) is { } next)
        {
            WriteSpan(w, next, context, depth: 0);
        }

        w.WriteEndArray();
        w.WritePropertyName("evaluations");
        w.WriteStartArray();
        foreach (var e in detail.Evaluations)
        {
            WriteEvaluation(w, e);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private sealed record TraceContext(
        Dictionary<string, List<SpanRecord>> Children,
        List<SpanRecord> Retrievals,
        IReadOnlyList<EvaluationResultRecord> Evaluations,
        HashSet<string> Written,
        Queue<SpanRecord> Continued);

    private static SpanRecord? NextUnwritten(IReadOnlyList<SpanRecord> spans, TraceContext ctx)
    {
        while (ctx.Continued.TryDequeue(out var continued))
        {
            if (!ctx.Written.Contains(continued.SpanId))
            {
                return continued;
            }
        }

        return spans.FirstOrDefault(s => !ctx.Written.Contains(s.SpanId));
    }

    private static void WriteSpan(Utf8JsonWriter w, SpanRecord s, TraceContext ctx, int depth)
    {
        ctx.Written.Add(s.SpanId);
        w.WriteStartObject();
        w.WriteString("trace_id", s.TraceId);
        w.WriteString("span_id", s.SpanId);
        WriteNullableString(w, "parent_span_id", s.ParentSpanId);
        w.WriteString("name", s.Name);
        w.WriteString("kind", s.Kind.ToString().ToLowerInvariant());
        WriteTime(w, "start_time", s.StartTimeUnixNano);
        WriteTime(w, "end_time", s.EndTimeUnixNano);
        w.WriteNumber("duration_ms", s.DurationMs);
        w.WritePropertyName("status");
        w.WriteStartObject();
        w.WriteString("code", StatusName(s.StatusCode));
        w.WriteString("message", s.StatusMessage);
        w.WriteEndObject();
        w.WriteString("trace_state", s.TraceState);
        w.WriteNumber("flags", s.Flags);
        w.WriteString("service_name", s.Resource.ServiceName);
        w.WritePropertyName("resource");
        w.WriteStartObject();
        w.WritePropertyName("attributes");
        AttrJson.WriteTypedList(w, s.Resource.Attributes);
        w.WriteString("schema_url", s.Resource.SchemaUrl);
        w.WriteEndObject();
        w.WritePropertyName("scope");
        w.WriteStartObject();
        w.WriteString("name", s.Scope.Name);
        w.WriteString("version", s.Scope.Version);
        w.WritePropertyName("attributes");
        AttrJson.WriteTypedList(w, s.Scope.Attributes);
        w.WriteEndObject();
        w.WritePropertyName("attributes");
        AttrJson.WriteTypedList(w, s.Attributes);
        w.WriteNumber("dropped_attributes_count", s.DroppedAttributesCount);
        w.WritePropertyName("events");
        w.WriteStartArray();
        foreach (var e in s.Events)
        {
            w.WriteStartObject();
            WriteTime(w, "time", e.TimeUnixNano);
            w.WriteString("name", e.Name);
            w.WritePropertyName("attributes");
            AttrJson.WriteTypedList(w, e.Attributes);
            w.WriteNumber("dropped_attributes_count", e.DroppedAttributesCount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("dropped_events_count", s.DroppedEventsCount);
        w.WritePropertyName("links");
        w.WriteStartArray();
        foreach (var l in s.Links)
        {
            w.WriteStartObject();
            w.WriteString("trace_id", l.TraceId);
            w.WriteString("span_id", l.SpanId);
            w.WriteString("trace_state", l.TraceState);
            w.WriteNumber("flags", l.Flags);
            w.WritePropertyName("attributes");
            AttrJson.WriteTypedList(w, l.Attributes);
            w.WriteNumber("dropped_attributes_count", l.DroppedAttributesCount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("dropped_links_count", s.DroppedLinksCount);
        WriteGenAi(w, s.GenAi);
        WriteNullableNumber(w, "cost_usd", s.CostUsd);
        w.WritePropertyName("retrieval_documents");
        WriteDocuments(w, s.GenAi.RetrievalDocuments);

        // A model call shows the documents retrieved in its trace: the context its answer should rest on.
        if (s.GenAi.IsGenAi && !s.GenAi.IsRetrieval && ctx.Retrievals.Count > 0)
        {
            w.WritePropertyName("retrieval_context");
            w.WriteStartArray();
            foreach (var r in ctx.Retrievals)
            {
                w.WriteStartObject();
                w.WriteString("span_id", r.SpanId);
                WriteNullableString(w, "query", r.GenAi.RetrievalQuery);
                w.WritePropertyName("documents");
                WriteDocuments(w, r.GenAi.RetrievalDocuments);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WritePropertyName("guardrail_flags");
        w.WriteStartArray();
        foreach (var f in s.GuardrailFlags)
        {
            SpanJson.WriteGuardrail(w, f);
        }

        w.WriteEndArray();
        w.WritePropertyName("evaluations");
        w.WriteStartArray();
        foreach (var e in ctx.Evaluations)
        {
            if (string.Equals(e.SpanId, s.SpanId, StringComparison.Ordinal)
                || (e.SpanId is null && e.ResponseId is not null && string.Equals(e.ResponseId, s.GenAi.ResponseId, StringComparison.Ordinal)))
            {
                WriteEvaluation(w, e);
            }
        }

        w.WriteEndArray();
        w.WritePropertyName("children");
        w.WriteStartArray();

        if (ctx.Children.TryGetValue(s.SpanId, out var kids))
        {
            foreach (var child in kids.Where(k => !ctx.Written.Contains(k.SpanId)))
            {
                if (depth < MaxTreeDepth)
                {
                    WriteSpan(w, child, ctx, depth + 1);
                }
                else
                {
                    ctx.Continued.Enqueue(child);
                }
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteGenAi(Utf8JsonWriter w, GenAiInfo g)
    {
        w.WritePropertyName("gen_ai");
        if (!g.IsGenAi)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        WriteNullableString(w, "operation", g.Operation);
        WriteNullableString(w, "provider", g.Provider);
        WriteNullableString(w, "request_model", g.RequestModel);
        WriteNullableString(w, "response_model", g.ResponseModel);
        WriteNullableString(w, "response_id", g.ResponseId);
        WriteNullableNumber(w, "input_tokens", g.InputTokens);
        WriteNullableNumber(w, "output_tokens", g.OutputTokens);
        WriteNullableNumber(w, "cached_input_tokens", g.CachedInputTokens);
        WriteNullableNumber(w, "reasoning_tokens", g.ReasoningTokens);
        WriteNullableString(w, "conversation_id", g.ConversationId);
        WriteNullableString(w, "session_id", g.SessionId);
        WriteNullableString(w, "user_id", g.UserId);
        w.WritePropertyName("finish_reasons");
        w.WriteStartArray();
        foreach (var r in g.FinishReasons)
        {
            w.WriteStringValue(r);
        }

        w.WriteEndArray();
        WriteNullableString(w, "error_type", g.ErrorType);
        WriteNullableString(w, "prompt_name", g.PromptName);
        WriteNullableString(w, "prompt_version", g.PromptVersion);
        WriteNullableString(w, "retrieval_query", g.RetrievalQuery);
        WriteNullableString(w, "input", g.InputText);
        WriteNullableString(w, "output", g.OutputText);
        w.WriteEndObject();
    }

    private static void WriteDocuments(Utf8JsonWriter w, IReadOnlyList<RetrievedDocument> documents)
    {
        w.WriteStartArray();
        foreach (var d in documents)
        {
            SpanJson.WriteDocument(w, d);
        }

        w.WriteEndArray();
    }

    private static void WriteEvaluation(Utf8JsonWriter w, EvaluationResultRecord e)
    {
        w.WriteStartObject();
        w.WriteString("name", e.Name);
        WriteNullableNumber(w, "score_value", e.ScoreValue);
        WriteNullableString(w, "score_label", e.ScoreLabel);
        WriteNullableString(w, "explanation", e.Explanation);
        WriteNullableString(w, "trace_id", e.TraceId);
        WriteNullableString(w, "span_id", e.SpanId);
        WriteNullableString(w, "response_id", e.ResponseId);
        w.WriteString("source", e.Source);
        WriteTime(w, "time", e.TimeUnixNano);
        WriteNullableString(w, "user_id", e.UserId);
        w.WriteEndObject();
    }

    private static void WriteTraceSummary(Utf8JsonWriter w, TraceSummary t)
    {
        w.WriteStartObject();
        w.WriteString("trace_id", t.TraceId);
        WriteNullableString(w, "root_span_id", t.RootSpanId);
        w.WriteString("name", t.Name);
        WriteNullableString(w, "service_name", t.ServiceName);
        WriteTime(w, "start_time", t.StartTimeUnixNano);
        WriteTime(w, "end_time", t.EndTimeUnixNano);
        w.WriteNumber("duration_ms", t.DurationMs);
        w.WriteNumber("span_count", t.SpanCount);
        w.WriteNumber("error_count", t.ErrorCount);
        w.WriteString("status", t.Status switch { TraceStatus.Error => "error", TraceStatus.Ok => "ok", _ => "unset" });
        w.WritePropertyName("models");
        w.WriteStartArray();
        foreach (var m in t.Models)
        {
            w.WriteStringValue(m);
        }

        w.WriteEndArray();
        WriteNullableString(w, "user_id", t.UserId);
        WriteNullableString(w, "session_id", t.SessionId);
        w.WriteNumber("input_tokens", t.InputTokens);
        w.WriteNumber("output_tokens", t.OutputTokens);
        w.WriteNumber("total_tokens", t.TotalTokens);
        WriteNullableNumber(w, "cost_usd", t.CostUsd);
        WriteNullableString(w, "input", t.InputText);
        WriteNullableString(w, "output", t.OutputText);
        w.WriteEndObject();
    }

    private static void WriteSessionSummary(Utf8JsonWriter w, SessionSummary s)
    {
        w.WriteStartObject();
        w.WriteString("session_id", s.SessionId);
        WriteNullableString(w, "user_id", s.UserId);
        WriteTime(w, "first_seen", s.FirstSeenUnixNano);
        WriteTime(w, "last_seen", s.LastSeenUnixNano);
        w.WriteNumber("trace_count", s.TraceCount);
        w.WriteNumber("error_trace_count", s.ErrorTraceCount);
        w.WriteNumber("input_tokens", s.InputTokens);
        w.WriteNumber("output_tokens", s.OutputTokens);
        w.WriteNumber("total_tokens", s.TotalTokens);
        WriteNullableNumber(w, "cost_usd", s.CostUsd);
        w.WriteEndObject();
    }

    /// <summary><c>{name}</c> as RFC 3339 (100 ns precision) and <c>{name}_unix_nano</c> as a decimal string.</summary>
    private static void WriteTime(Utf8JsonWriter w, string name, long unixNano)
    {
        var t = new DateTimeOffset(DateTime.UnixEpoch.AddTicks(unixNano / 100), TimeSpan.Zero);
        w.WriteString(name, t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        w.WriteString(name + "_unix_nano", unixNano.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The status code's name, or its number as text when it is none of OTLP's (stored as sent, like span kinds).</summary>
    private static string StatusName(StatusCodeValue code) => code switch
    {
        StatusCodeValue.Unset => "unset",
        StatusCodeValue.Ok => "ok",
        StatusCodeValue.Error => "error",
        _ => ((int)code).ToString(CultureInfo.InvariantCulture),
    };

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
