using System.Globalization;
using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Storage.Tests.Support;

/// <summary>Builds GenAI-shaped spans, evaluation events and logs for the store tests.</summary>
internal static class TestData
{
    /// <summary>2026-01-01T00:00:00Z in Unix nanoseconds.</summary>
    public const long BaseNs = 1_767_225_600_000_000_000;

    private static int _counter;

    public static string TraceId(int n) => n.ToString("x32", CultureInfo.InvariantCulture);

    public static string SpanId(int n) => n.ToString("x16", CultureInfo.InvariantCulture);

    public static ResourceInfo Resource(string service = "factory-assistant") => new()
    {
        SchemaUrl = "https://opentelemetry.io/schemas/1.37.0",
        Attributes = new AttributeList
        {
            { SemanticConventions.ServiceName, AttrValue.Of(service) },
            { "host.cores", AttrValue.Of(2L) },
        },
    };

    /// <summary>A chat span with every kind of attribute, an event, a link, guardrails and a cost.</summary>
    public static SpanRecord Chat(
        string traceId,
        string spanId,
        string? parentSpanId = null,
        long startOffsetMs = 0,
        double durationMs = 1200,
        string model = "gpt-4o",
        string? user = "alice",
        string? session = "session-1",
        long inputTokens = 100,
        long outputTokens = 50,
        double? cost = 0.0025,
        string input = "How do I calibrate the torque sensor?",
        string output = "Open the maintenance menu and run the calibration wizard.",
        StatusCodeValue status = StatusCodeValue.Ok,
        string? name = null,
        ResourceInfo? resource = null)
    {
        var start = BaseNs + (startOffsetMs * 1_000_000);
        var attributes = new AttributeList
        {
            { SemanticConventions.GenAiOperationName, AttrValue.Of("chat") },
            { SemanticConventions.GenAiProviderName, AttrValue.Of("openai") },
            { SemanticConventions.GenAiRequestModel, AttrValue.Of(model) },
            { SemanticConventions.GenAiResponseModel, AttrValue.Of(model + "-2024-08-06") },
            { SemanticConventions.GenAiResponseId, AttrValue.Of("chatcmpl-" + spanId) },
            { SemanticConventions.GenAiUsageInputTokens, AttrValue.Of(inputTokens) },
            { SemanticConventions.GenAiUsageOutputTokens, AttrValue.Of(outputTokens) },
            { SemanticConventions.GenAiUsageCachedInputTokens, AttrValue.Of(10L) },
            { SemanticConventions.GenAiRequestTemperature, AttrValue.Of(0.25) },
            { SemanticConventions.GenAiRequestStream, AttrValue.Of(false) },
            { SemanticConventions.GenAiResponseFinishReasons, AttrValue.Of([AttrValue.Of("stop")]) },
            { SemanticConventions.GenAiPromptName, AttrValue.Of("maintenance") },
            { SemanticConventions.GenAiPromptVersion, AttrValue.Of("3") },
            { "llmops.test.bytes", AttrValue.OfBytes([0, 1, 2, 255]) },
            { "llmops.test.map", AttrValue.Of((IReadOnlyList<KeyValuePair<string, AttrValue>>)[new("k", AttrValue.Of(1.5)), new("nested", AttrValue.Of([AttrValue.Of(true), AttrValue.Of(-7L)]))]) },
            { "llmops.test.double", AttrValue.Of(1e-300) },
            { "llmops.test.integral_double", AttrValue.Of(2.0) },
            { "llmops.test.large_double", AttrValue.Of(1e21) },
            { "llmops.test.nan", AttrValue.Of(double.NaN) },
            { "llmops.test.min_int", AttrValue.Of(long.MinValue) },
            { "llmops.test.max_int", AttrValue.Of(long.MaxValue) },
            { "llmops.test.empty", AttrValue.Empty },
            { "llmops.test \"quoted\" ключ", AttrValue.Of("ä \" \\ \n") },
            { "llmops.test.double", AttrValue.Of(-0.5) },
            { SemanticConventions.GenAiInputMessages, AttrValue.Of($$"""[{"role":"user","parts":[{"type":"text","content":{{System.Text.Json.JsonSerializer.Serialize(input)}}}]}]""") },
            { SemanticConventions.GenAiOutputMessages, AttrValue.Of($$"""[{"role":"assistant","parts":[{"type":"text","content":{{System.Text.Json.JsonSerializer.Serialize(output)}}}]}]""") },
        };
        if (user is not null)
        {
            attributes.Add(SemanticConventions.UserId, AttrValue.Of(user));
        }

        if (session is not null)
        {
            attributes.Add(SemanticConventions.SessionId, AttrValue.Of(session));
            attributes.Add(SemanticConventions.GenAiConversationId, AttrValue.Of("conv-" + session));
        }

        if (status == StatusCodeValue.Error)
        {
            attributes.Add(SemanticConventions.ErrorType, AttrValue.Of("timeout"));
        }

        var span = new SpanRecord
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parentSpanId,
            TraceState = "vendor=1",
            Flags = 257,
            Name = name ?? "chat " + model,
            Kind = SpanKindCode.Client,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + (long)(durationMs * 1_000_000),
            StatusCode = status,
            StatusMessage = status == StatusCodeValue.Error ? "upstream timed out" : string.Empty,
            Attributes = attributes,
            DroppedAttributesCount = 1,
            DroppedEventsCount = 2,
            DroppedLinksCount = 3,
            Events =
            [
                new SpanEvent
                {
                    TimeUnixNano = start + 5,
                    Name = "gen_ai.content.chunk",
                    Attributes = new AttributeList { { "index", AttrValue.Of(0L) }, { "ok", AttrValue.Of(true) } },
                    DroppedAttributesCount = 4,
                },
            ],
            Links = [new SpanLink { TraceId = TraceId(999_999), SpanId = SpanId(999_999), TraceState = "x=y", Flags = 1, Attributes = new AttributeList { { "link.kind", AttrValue.Of("follows") } }, DroppedAttributesCount = 2 }],
            Resource = resource ?? Resource(),
            Scope = new ScopeInfo { Name = "LlmOps.Sdk", Version = "1.0.0", Attributes = new AttributeList { { "scope.attr", AttrValue.Of(3L) } } },
            CostUsd = cost,
        };
        span.GenAi = GenAiNormalizer.Normalize(span);
        span.GuardrailFlags.Add(new GuardrailFlag("pii", "email address in answer", "high", "review"));
        return span;
    }

    /// <summary>A retrieval span with documents.</summary>
    public static SpanRecord Retrieval(string traceId, string spanId, string? parentSpanId, long startOffsetMs = 0)
    {
        var start = BaseNs + (startOffsetMs * 1_000_000);
        var span = new SpanRecord
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parentSpanId,
            Name = "retrieval manuals",
            Kind = SpanKindCode.Client,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + 30_000_000,
            Attributes = new AttributeList
            {
                { SemanticConventions.GenAiOperationName, AttrValue.Of(SemanticConventions.GenAiOperationRetrieval) },
                { SemanticConventions.GenAiRetrievalQueryText, AttrValue.Of("torque sensor calibration") },
                { SemanticConventions.GenAiRetrievalDocuments, AttrValue.Of("""[{"id":"doc-1","score":0.91,"content":"Torque sensor manual, chapter 4"},{"id":"doc-2","score":0.5,"content":"Safety notes"}]""") },
            },
            Resource = Resource(),
        };
        span.GenAi = GenAiNormalizer.Normalize(span);
        return span;
    }

    /// <summary>A plain (non-GenAI) root span.</summary>
    public static SpanRecord Root(string traceId, string spanId, long startOffsetMs = 0, double durationMs = 2000, string name = "POST /ask", string? user = null, string? session = null)
    {
        var start = BaseNs + (startOffsetMs * 1_000_000);
        var attributes = new AttributeList { { "http.request.method", AttrValue.Of("POST") } };
        if (user is not null)
        {
            attributes.Add(SemanticConventions.UserId, AttrValue.Of(user));
        }

        if (session is not null)
        {
            attributes.Add(SemanticConventions.SessionId, AttrValue.Of(session));
        }

        var span = new SpanRecord
        {
            TraceId = traceId,
            SpanId = spanId,
            Name = name,
            Kind = SpanKindCode.Server,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + (long)(durationMs * 1_000_000),
            StatusCode = StatusCodeValue.Ok,
            Attributes = attributes,
            Resource = Resource(),
        };
        span.GenAi = GenAiNormalizer.Normalize(span);
        return span;
    }

    public static LogRecordModel Evaluation(string? traceId, string? spanId, string name, double? score, string? label, string? responseId = null, long timeOffsetMs = 5000)
    {
        var attributes = new AttributeList { { SemanticConventions.GenAiEvaluationName, AttrValue.Of(name) } };
        if (score is { } s)
        {
            attributes.Add(SemanticConventions.GenAiEvaluationScoreValue, AttrValue.Of(s));
        }

        if (label is not null)
        {
            attributes.Add(SemanticConventions.GenAiEvaluationScoreLabel, AttrValue.Of(label));
        }

        if (responseId is not null)
        {
            attributes.Add(SemanticConventions.GenAiResponseId, AttrValue.Of(responseId));
        }

        attributes.Add(SemanticConventions.GenAiEvaluationExplanation, AttrValue.Of("because"));
        attributes.Add(SemanticConventions.UserId, AttrValue.Of("alice"));
        var log = new LogRecordModel
        {
            TimeUnixNano = BaseNs + (timeOffsetMs * 1_000_000),
            EventName = SemanticConventions.GenAiEvaluationResultEvent,
            TraceId = traceId,
            SpanId = spanId,
            Attributes = attributes,
            Resource = Resource(),
        };
        log.Evaluation = GenAiNormalizer.NormalizeEvaluation(log);
        return log;
    }

    public static LogRecordModel Log(string body, string? traceId = null)
    {
        var n = Interlocked.Increment(ref _counter);
        return new LogRecordModel
        {
            TimeUnixNano = BaseNs + n,
            ObservedTimeUnixNano = BaseNs + n + 1,
            SeverityNumber = 9,
            SeverityText = "INFO",
            Body = AttrValue.Of(body),
            Attributes = new AttributeList { { "component", AttrValue.Of("test") } },
            TraceId = traceId,
            Resource = Resource(),
        };
    }

    public static TelemetryBatch Batch(params SpanRecord[] spans)
    {
        var batch = new TelemetryBatch();
        batch.Spans.AddRange(spans);
        return batch;
    }
}
