using LlmOps.Processors.Model;

namespace LlmOps.Processors.Tests.Infrastructure;

/// <summary>Deterministic GenAI telemetry batches (seeded), shaped like the factory assistant's.</summary>
internal sealed class SyntheticTelemetry(int seed)
{
    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini"];
    private static readonly string[] Prompts = ["v1", "v2"];
    private readonly Random _rng = new(seed);
    private long _clockNano = 1_700_000_000_000_000_000;
    private int _traceCounter;

    public double ErrorRate { get; set; } = 0.05;

    public double LatencySeconds { get; set; } = 0.8;

    public double ContextRelevance { get; set; } = 0.8;

    public double HallucinationRate { get; set; } = 0.1;

    public double CostPerRequest { get; set; } = 0.002;

    /// <summary>When set, <see cref="ErrorRate"/> and <see cref="LatencySeconds"/> apply to this model only; others stay healthy (2% errors, 0.5 s).</summary>
    public string? BreachModel { get; set; }

    public TelemetryBatch Next(int traces)
    {
        var batch = new TelemetryBatch();
        for (var i = 0; i < traces; i++)
        {
            var n = Interlocked.Increment(ref _traceCounter);
            var traceId = n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
            var session = "s" + (n / 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var user = "u" + _rng.Next(50).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var model = Models[_rng.Next(Models.Length)];
            var prompt = Prompts[_rng.Next(Prompts.Length)];
            var start = _clockNano += 1_000_000;
            var resource = new ResourceInfo { Attributes = new AttributeList { { "service.name", AttrValue.Of("factory-assistant") }, { "service.instance.id", AttrValue.Of("i-1") } } };
            var root = new SpanRecord
            {
                TraceId = traceId,
                SpanId = "1".PadLeft(16, '0'),
                Name = "assistant.answer",
                StartTimeUnixNano = start,
                EndTimeUnixNano = start + 1_500_000_000,
                Resource = resource,
            };
            var breached = BreachModel is null || BreachModel == model;
            var isError = _rng.NextDouble() < (breached ? ErrorRate : 0.02);
            var seconds = Math.Max(0.01, (breached ? LatencySeconds : 0.5) * (0.5 + _rng.NextDouble()));
            var chat = new SpanRecord
            {
                TraceId = traceId,
                SpanId = "2".PadLeft(16, '0'),
                ParentSpanId = root.SpanId,
                Name = "chat " + model,
                StartTimeUnixNano = start,
                EndTimeUnixNano = start + (long)(seconds * 1e9),
                StatusCode = isError ? StatusCodeValue.Error : StatusCodeValue.Ok,
                Resource = resource,
                CostUsd = CostPerRequest * (0.5 + _rng.NextDouble()),
                GenAi = new GenAiInfo
                {
                    IsGenAi = true,
                    Operation = "chat",
                    Provider = "openai",
                    RequestModel = model,
                    ResponseModel = model,
                    InputTokens = 200 + _rng.Next(300),
                    OutputTokens = 50 + _rng.Next(200),
                    SessionId = session,
                    UserId = user,
                    PromptVersion = prompt,
                    ErrorType = isError ? (_rng.Next(2) == 0 ? "timeout" : "rate_limited") : null,
                },
            };
            if (_rng.NextDouble() < 0.1)
            {
                chat.GuardrailFlags.Add(new GuardrailFlag("pii", "email address in answer", "high", "human-review"));
            }

            if (_rng.NextDouble() < 0.05)
            {
                chat.GuardrailFlags.Add(new GuardrailFlag("toxicity", "insult", "medium", null));
            }

            batch.Spans.Add(root);
            batch.Spans.Add(chat);
            var now = chat.EndTimeUnixNano;
            batch.Logs.Add(Eval(traceId, "context_relevance", Clamp(ContextRelevance + ((_rng.NextDouble() - 0.5) * 0.2)), null, "evaluator/context", now));
            batch.Logs.Add(Eval(traceId, "hallucination", _rng.NextDouble() < HallucinationRate ? 0.9 : 0.1, null, "evaluator/hallucination", now));
            batch.Logs.Add(Eval(traceId, "correctness", Clamp(0.75 + ((_rng.NextDouble() - 0.5) * 0.4)), null, "evaluator/correctness", now));
            if (_rng.NextDouble() < 0.5)
            {
                var positive = _rng.NextDouble() < 0.7;
                batch.Logs.Add(Eval(traceId, "user_feedback", positive ? 1 : 0, positive ? "positive" : "negative", "client", now, user));
            }

            batch.Metrics.Add(new MetricPointRecord
            {
                Name = "gen_ai.client.operation.duration",
                Unit = "s",
                Kind = MetricKind.Histogram,
                Temporality = 1,
                Attributes = new AttributeList { { "gen_ai.request.model", AttrValue.Of(model) }, { "gen_ai.operation.name", AttrValue.Of("chat") } },
                Resource = resource,
                ExplicitBounds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
                BucketCounts = Buckets(seconds),
                Value = seconds,
                Count = 1,
            });
            batch.Metrics.Add(new MetricPointRecord
            {
                Name = "gen_ai.client.token.usage",
                Unit = "{token}",
                Kind = MetricKind.Histogram,
                Temporality = 1,
                Attributes = new AttributeList { { "gen_ai.request.model", AttrValue.Of(model) }, { "gen_ai.token.type", AttrValue.Of("input") } },
                Resource = resource,
                ExplicitBounds = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536],
                BucketCounts = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
                Value = chat.GenAi.InputTokens!.Value,
                Count = 1,
            });
        }

        return batch;
    }

    private static ulong[] Buckets(double seconds)
    {
        double[] bounds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
        var counts = new ulong[bounds.Length + 1];
        var i = Array.FindIndex(bounds, b => seconds <= b);
        counts[i < 0 ? bounds.Length : i] = 1;
        return counts;
    }

    private static double Clamp(double v) => Math.Clamp(v, 0, 1);

    private static LogRecordModel Eval(string traceId, string name, double value, string? label, string source, long timeNano, string? user = null) => new()
    {
        TimeUnixNano = timeNano,
        TraceId = traceId,
        EventName = "gen_ai.evaluation.result",
        Evaluation = new EvaluationResultRecord
        {
            Name = name,
            ScoreValue = value,
            ScoreLabel = label,
            TraceId = traceId,
            TimeUnixNano = timeNano,
            Source = source,
            UserId = user,
        },
    };
}
