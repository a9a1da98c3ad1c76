using System.Globalization;
using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Benchmarks.Storage;

/// <summary>
/// Realistic GenAI traces for the storage benchmarks: an agent root, a retrieval and two chat calls per trace
/// (~20 attributes on the chat spans, message content captured), users, sessions, models, latencies and text drawn
/// from a fixed-seed generator.
/// </summary>
internal sealed class GenAiSpanFactory
{
    public const int SpansPerTrace = 4;
    public const long BaseNs = 1_767_225_600_000_000_000;
    public const long SpanOfDataNs = 30L * 24 * 3600 * 1_000_000_000;

    public static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gemini-2.5-flash", "llama-3.1-70b"];

    private static readonly string[] Verbs = ["calibrate", "replace", "inspect", "restart", "lubricate", "align", "reset", "clean", "diagnose", "tune"];

    private static readonly string[] Parts =
    [
        "torque sensor", "conveyor belt", "hydraulic pump", "spindle motor", "cooling fan", "safety door", "vision camera", "robot gripper",
        "pressure valve", "servo drive", "laser cutter", "welding torch", "air compressor", "barcode scanner", "label printer", "drill head",
        "gearbox", "encoder", "thermocouple", "vacuum pump",
    ];

    private static readonly string[] Outcomes =
    [
        "Stop the line, open the maintenance panel and follow the wizard.", "Check the error log first; code E42 means a loose cable.",
        "Replace the worn part and re-run the self test.", "Lower the feed rate by ten percent and monitor vibration.",
        "Escalate to the shift supervisor; this needs a certified technician.",
    ];

    private readonly Random _random;
    private readonly ResourceInfo[] _resources;
    private int _next;

    public GenAiSpanFactory(int seed = 42)
    {
        _random = new Random(seed);
        _resources = [.. Enumerable.Range(0, 3).Select(i => new ResourceInfo
        {
            Attributes = new AttributeList
            {
                { SemanticConventions.ServiceName, AttrValue.Of("factory-assistant") },
                { "service.version", AttrValue.Of("1.4." + i.ToString(CultureInfo.InvariantCulture)) },
                { "deployment.environment.name", AttrValue.Of("production") },
                { "host.name", AttrValue.Of("node-" + i.ToString(CultureInfo.InvariantCulture)) },
            },
        })];
    }

    /// <summary>
    /// Adds <paramref name="traces"/> new traces (4 spans each) to the batch; ids never repeat within one factory.
    /// Live ingest (<paramref name="live"/>) starts traces 1 ms apart in arrival order, as a collector sees them;
    /// otherwise start times are spread at random over 30 days (to build a search data set).
    /// </summary>
    public void AddTraces(TelemetryBatch batch, int traces, bool live = false, int users = 200, int sessionsPerUser = 50)
    {
        for (var t = 0; t < traces; t++)
        {
            var n = Interlocked.Increment(ref _next);
            var traceId = string.Create(CultureInfo.InvariantCulture, $"{_random.NextInt64():x16}{n:x16}");
            var start = live ? BaseNs + (n * 1_000_000L) : BaseNs + (long)(_random.NextDouble() * SpanOfDataNs);
            var user = _random.Next(users);
            var userId = string.Create(CultureInfo.InvariantCulture, $"user-{user:D4}");
            var sessionId = string.Create(CultureInfo.InvariantCulture, $"session-{user:D4}-{_random.Next(sessionsPerUser):D3}");
            var model = Models[_random.Next(Models.Length)];
            var part = Parts[_random.Next(Parts.Length)];
            var question = $"How do I {Verbs[_random.Next(Verbs.Length)]} the {part} on line {_random.Next(1, 13)}?";
            var answer = $"For the {part}: {Outcomes[_random.Next(Outcomes.Length)]}";
            var latency = (long)(Math.Exp((_random.NextDouble() * 3) + 6) * 1_000_000); // ~0.4 s to 8 s
            var error = _random.Next(50) == 0;
            var resource = _resources[_random.Next(_resources.Length)];
            var rootId = SpanId(n, 1);

            batch.Spans.Add(Span(traceId, rootId, null, "invoke_agent assistant", start, start + latency + 40_000_000, resource, new AttributeList
            {
                { SemanticConventions.GenAiOperationName, AttrValue.Of("invoke_agent") },
                { SemanticConventions.UserId, AttrValue.Of(userId) },
                { SemanticConventions.SessionId, AttrValue.Of(sessionId) },
            }, error));
            var retrieval = Span(traceId, SpanId(n, 2), rootId, "retrieval manuals", start + 1_000_000, start + 20_000_000, resource, new AttributeList
            {
                { SemanticConventions.GenAiOperationName, AttrValue.Of(SemanticConventions.GenAiOperationRetrieval) },
                { SemanticConventions.GenAiRetrievalQueryText, AttrValue.Of(question) },
                { SemanticConventions.GenAiDataSourceId, AttrValue.Of("manuals") },
                { SemanticConventions.GenAiRetrievalDocuments, AttrValue.Of($$"""[{"id":"doc-{{_random.Next(5000)}}","score":0.87,"content":"Manual: {{part}}"},{"id":"doc-{{_random.Next(5000)}}","score":0.61,"content":"Safety notes"}]""") },
            }, false);
            batch.Spans.Add(retrieval);
            batch.Spans.Add(Chat(traceId, SpanId(n, 3), rootId, start + 25_000_000, start + 25_000_000 + (latency / 3), resource, model, userId, sessionId, question, "Looking up the manual.", false));
            batch.Spans.Add(Chat(traceId, SpanId(n, 4), rootId, start + 30_000_000 + (latency / 3), start + latency + 30_000_000, resource, model, userId, sessionId, question, answer, error));
        }
    }

    private SpanRecord Chat(string traceId, string spanId, string parent, long start, long end, ResourceInfo resource, string model, string user, string session, string question, string answer, bool error)
    {
        var input = _random.Next(200, 3000);
        var output = _random.Next(20, 600);
        var attributes = new AttributeList
        {
            { SemanticConventions.GenAiOperationName, AttrValue.Of("chat") },
            { SemanticConventions.GenAiProviderName, AttrValue.Of("openai") },
            { SemanticConventions.GenAiRequestModel, AttrValue.Of(model) },
            { SemanticConventions.GenAiResponseModel, AttrValue.Of(model) },
            { SemanticConventions.GenAiResponseId, AttrValue.Of("chatcmpl-" + spanId) },
            { SemanticConventions.GenAiRequestTemperature, AttrValue.Of(0.2) },
            { SemanticConventions.GenAiRequestMaxTokens, AttrValue.Of(1024L) },
            { SemanticConventions.GenAiUsageInputTokens, AttrValue.Of((long)input) },
            { SemanticConventions.GenAiUsageOutputTokens, AttrValue.Of((long)output) },
            { SemanticConventions.GenAiResponseFinishReasons, AttrValue.Of([AttrValue.Of("stop")]) },
            { SemanticConventions.GenAiConversationId, AttrValue.Of(session) },
            { SemanticConventions.SessionId, AttrValue.Of(session) },
            { SemanticConventions.UserId, AttrValue.Of(user) },
            { SemanticConventions.ServerAddress, AttrValue.Of("api.example.test") },
            { SemanticConventions.ServerPort, AttrValue.Of(443L) },
            { SemanticConventions.GenAiPromptName, AttrValue.Of("maintenance-assistant") },
            { SemanticConventions.GenAiPromptVersion, AttrValue.Of("7") },
            { SemanticConventions.GenAiInputMessages, AttrValue.Of($$"""[{"role":"user","parts":[{"type":"text","content":"{{question}}"}]}]""") },
            { SemanticConventions.GenAiOutputMessages, AttrValue.Of($$"""[{"role":"assistant","parts":[{"type":"text","content":"{{answer}}"}],"finish_reason":"stop"}]""") },
            { SemanticConventions.GenAiSystemInstructions, AttrValue.Of("""[{"type":"text","content":"You are the factory maintenance assistant. Answer from the manuals."}]""") },
        };
        if (error)
        {
            attributes.Add(SemanticConventions.ErrorType, AttrValue.Of("timeout"));
        }

        var span = Span(traceId, spanId, parent, "chat " + model, start, end, resource, attributes, error);
        span.CostUsd = (input * 2.5e-6) + (output * 1e-5);
        return span;
    }

    private static SpanRecord Span(string traceId, string spanId, string? parent, string name, long start, long end, ResourceInfo resource, AttributeList attributes, bool error)
    {
        var span = new SpanRecord
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parent,
            Name = name,
            Kind = parent is null ? SpanKindCode.Internal : SpanKindCode.Client,
            StartTimeUnixNano = start,
            EndTimeUnixNano = end,
            StatusCode = error ? StatusCodeValue.Error : StatusCodeValue.Unset,
            Attributes = attributes,
            Resource = resource,
            Scope = new ScopeInfo { Name = "LlmOps.Sdk", Version = "1.0.0" },
        };
        span.GenAi = GenAiNormalizer.Normalize(span);
        return span;
    }

    private static string SpanId(int trace, int n) => string.Create(CultureInfo.InvariantCulture, $"{trace:x12}{n:x4}");
}
