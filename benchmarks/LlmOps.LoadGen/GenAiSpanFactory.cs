using System.Buffers.Binary;
using Google.Protobuf;
using LlmOps.Protos.Collector.Trace.V1;
using LlmOps.Protos.Common.V1;
using LlmOps.Protos.Resource.V1;
using LlmOps.Protos.Trace.V1;

namespace LlmOps.LoadGen;

/// <summary>
/// Builds OTLP trace requests of GenAI chat spans shaped like the SDK's: about 20 attributes and 1.8 KB each
/// (model, provider, token usage, finish reasons, conversation/user/session, short captured messages). Every call
/// gives fresh trace and span ids so that an idempotent store keeps every span.
/// </summary>
internal sealed class GenAiSpanFactory
{
    private const string InputMessages =
        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"You are the Smart Factory assistant. Answer from the maintenance manuals only.\"}]}," +
        "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Line 3 press shows hydraulic pressure alarm H-214 after the night shift. What should the operator check first and is it safe to restart?\"}]}]";

    private const string OutputMessages =
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Alarm H-214 means the accumulator pre-charge is low. Lock out the press, check the nitrogen pre-charge (spec 90 bar) and the relief valve seat before restarting; do not restart until pressure holds for 10 minutes.\"}],\"finish_reason\":\"stop\"}]";

    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "llama-3.1-70b"];
    private readonly Random _random;
    private long _sequence;

    public GenAiSpanFactory(int seed = 42) => _random = new Random(seed);

    private static readonly string[] Chunks =
    [
        "H-214 hydraulic pressure alarm: the accumulator pre-charge has fallen below 80 bar. Lock out the press before any check. Measure the nitrogen pre-charge with the charging kit; the specification is 90 bar at 20 °C.",
        "Relief valve maintenance: inspect the valve seat for wear after any pressure alarm. A worn seat lets pressure bleed back to the tank and the alarm returns within minutes of a restart.",
        "Restart procedure after a pressure alarm: restore power, run the pump unloaded, and confirm that system pressure holds steady for 10 minutes before releasing the press to production.",
    ];

    public ExportTraceServiceRequest CreateRequest(int spans, bool rag = false)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "LlmOps.Sdk", Version = "1.0.0" } };
        for (var i = 0; i < spans; i++)
        {
            var chat = CreateSpan();
            if (rag && i + 1 < spans)
            {
                // A retrieval span and its chat span: one trace, the chat span the retrieval span's child.
                var retrieval = CreateRetrievalSpan(chat);
                chat.ParentSpanId = retrieval.SpanId;
                scope.Spans.Add(retrieval);
                i++;
            }

            scope.Spans.Add(chat);
        }

        var resource = new Resource();
        resource.Attributes.Add(Kv("service.name", "factory-assistant"));
        resource.Attributes.Add(Kv("service.version", "2.4.1"));
        resource.Attributes.Add(Kv("deployment.environment.name", "load-test"));
        var rs = new ResourceSpans { Resource = resource };
        rs.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(rs);
        return request;
    }

    public Span CreateSpan()
    {
        var n = Interlocked.Increment(ref _sequence);
        Span<byte> id = stackalloc byte[16];
        _random.NextBytes(id);
        BinaryPrimitives.WriteInt64BigEndian(id[8..], n);
        var traceId = ByteString.CopyFrom(id);
        _random.NextBytes(id[..8]);
        id[0] |= 1;
        var spanId = ByteString.CopyFrom(id[..8]);
        var model = Models[n % Models.Length];
        var start = 1_760_000_000_000_000_000UL + ((ulong)n * 1_000_000UL);
        var span = new Span
        {
            TraceId = traceId,
            SpanId = spanId,
            Name = "chat " + model,
            Kind = Span.Types.SpanKind.Client,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + 850_000_000UL + (ulong)(n % 1000 * 1_000_000),
            Status = new Status { Code = Status.Types.StatusCode.Ok },
            Flags = 0x101,
        };
        var a = span.Attributes;
        a.Add(Kv("gen_ai.operation.name", "chat"));
        a.Add(Kv("gen_ai.provider.name", model.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : "anthropic"));
        a.Add(Kv("gen_ai.request.model", model));
        a.Add(Kv("gen_ai.response.model", model + "-2024-08-06"));
        a.Add(Kv("gen_ai.response.id", "chatcmpl-" + n.ToString("x12", System.Globalization.CultureInfo.InvariantCulture)));
        a.Add(Kv("gen_ai.usage.input_tokens", 800L + (n % 700)));
        a.Add(Kv("gen_ai.usage.output_tokens", 120L + (n % 300)));
        a.Add(Kv("gen_ai.request.temperature", 0.2));
        a.Add(Kv("gen_ai.request.max_tokens", 1024L));
        a.Add(Kv("gen_ai.request.top_p", 0.95));
        a.Add(new KeyValue { Key = "gen_ai.response.finish_reasons", Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "stop" } } } } });
        a.Add(Kv("gen_ai.conversation.id", "conv-" + (n / 5).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        a.Add(Kv("user.id", "operator-" + (n % 40).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        a.Add(Kv("session.id", "shift-" + (n % 12).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        a.Add(Kv("server.address", "api.example.internal"));
        a.Add(Kv("server.port", 443L));
        a.Add(Kv("gen_ai.prompt.name", "maintenance-answer"));
        a.Add(Kv("llmops.prompt.label", "production"));
        a.Add(Kv("gen_ai.input.messages", InputMessages));
        a.Add(Kv("gen_ai.output.messages", OutputMessages));
        return span;
    }

    private Span CreateRetrievalSpan(Span chat)
    {
        Span<byte> id = stackalloc byte[8];
        _random.NextBytes(id);
        id[0] |= 1;
        var span = new Span
        {
            TraceId = chat.TraceId,
            SpanId = ByteString.CopyFrom(id),
            Name = "retrieval maintenance-manuals",
            Kind = Span.Types.SpanKind.Client,
            StartTimeUnixNano = chat.StartTimeUnixNano - 120_000_000UL,
            EndTimeUnixNano = chat.StartTimeUnixNano - 1_000_000UL,
            Status = new Status { Code = Status.Types.StatusCode.Ok },
            Flags = 0x101,
        };
        var docs = string.Join(",", Chunks.Select((c, i) => "{\"id\":\"manual-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\",\"score\":0.8" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"content\":\"" + c + "\"}"));
        span.Attributes.Add(Kv("gen_ai.operation.name", "retrieval"));
        span.Attributes.Add(Kv("gen_ai.data_source.id", "maintenance-manuals"));
        span.Attributes.Add(Kv("gen_ai.retrieval.query.text", "hydraulic pressure alarm H-214 restart"));
        span.Attributes.Add(Kv("gen_ai.retrieval.documents", "[" + docs + "]"));
        return span;
    }

    private static KeyValue Kv(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static KeyValue Kv(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    private static KeyValue Kv(string key, double value) => new() { Key = key, Value = new AnyValue { DoubleValue = value } };
}
