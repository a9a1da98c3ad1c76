using Google.Protobuf;
using LlmOps.Protos.Collector.Logs.V1;
using LlmOps.Protos.Collector.Metrics.V1;
using LlmOps.Protos.Collector.Trace.V1;
using LlmOps.Protos.Common.V1;
using LlmOps.Protos.Logs.V1;
using LlmOps.Protos.Metrics.V1;
using LlmOps.Protos.Resource.V1;
using LlmOps.Protos.Trace.V1;

namespace LlmOps.Collector.Tests.Support;

/// <summary>Builders for OTLP protobuf requests with known ids and typed attributes.</summary>
internal static class OtlpSamples
{
    public static ByteString TraceId(int n) => ByteString.CopyFrom([0xab, 0xcd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)(n + 1)]);

    public static ByteString SpanId(int n) => ByteString.CopyFrom([0x5a, 0, 0, 0, (byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)(n + 1)]);

    public static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);

    public static KeyValue Kv(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Kv(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static KeyValue Kv(string key, double value) => new() { Key = key, Value = new AnyValue { DoubleValue = value } };

    public static KeyValue Kv(string key, bool value) => new() { Key = key, Value = new AnyValue { BoolValue = value } };

    /// <summary>
    /// Replaces every occurrence of the ASCII <paramref name="placeholder"/> in an encoded message by
    /// <paramref name="bytes"/> of the same length (invalid UTF-8 that a protobuf string built in C# cannot hold).
    /// </summary>
    public static void Patch(byte[] payload, string placeholder, byte[] bytes)
    {
        var marker = System.Text.Encoding.ASCII.GetBytes(placeholder);
        if (marker.Length != bytes.Length)
        {
            throw new ArgumentException("the placeholder and its bytes must have the same length", nameof(bytes));
        }

        for (var at = payload.AsSpan().IndexOf(marker); at >= 0; at = payload.AsSpan().IndexOf(marker))
        {
            bytes.CopyTo(payload, at);
        }
    }

    /// <summary>An AnyValue nesting kvlistValue and arrayValue <paramref name="levels"/> deep around the string "bottom".</summary>
    public static AnyValue Nested(int levels)
    {
        var value = new AnyValue { StringValue = "bottom" };
        for (var i = 0; i < levels; i++)
        {
            value = i % 2 == 0
                ? new AnyValue { KvlistValue = new KeyValueList { Values = { new KeyValue { Key = "k", Value = value } } } }
                : new AnyValue { ArrayValue = new ArrayValue { Values = { value } } };
        }

        return value;
    }

    public static Span GenAiSpan(int n)
    {
        var span = new Span
        {
            TraceId = TraceId(n),
            SpanId = SpanId(n),
            ParentSpanId = n % 2 == 0 ? ByteString.Empty : SpanId(n + 1000),
            Name = "chat gpt-4o",
            Kind = Span.Types.SpanKind.Client,
            StartTimeUnixNano = 1_700_000_000_000_000_000UL + (ulong)n,
            EndTimeUnixNano = 1_700_000_000_250_000_000UL + (ulong)n,
            Status = new Status { Code = Status.Types.StatusCode.Error, Message = "rate limited" },
            Flags = 0x101,
            TraceState = "vendor=x",
        };
        span.Attributes.Add(Kv("gen_ai.operation.name", "chat"));
        span.Attributes.Add(Kv("gen_ai.provider.name", "openai"));
        span.Attributes.Add(Kv("gen_ai.request.model", "gpt-4o"));
        span.Attributes.Add(Kv("gen_ai.usage.input_tokens", 1200L + n));
        span.Attributes.Add(Kv("gen_ai.usage.output_tokens", 300L));
        span.Attributes.Add(Kv("gen_ai.request.temperature", 0.25));
        span.Attributes.Add(Kv("gen_ai.request.stream", true));
        span.Attributes.Add(new KeyValue
        {
            Key = "gen_ai.response.finish_reasons",
            Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "stop" }, new AnyValue { StringValue = "length" } } } },
        });
        span.Attributes.Add(new KeyValue
        {
            Key = "llmops.meta",
            Value = new AnyValue { KvlistValue = new KeyValueList { Values = { Kv("tier", "gold"), Kv("retries", 2L) } } },
        });
        span.Attributes.Add(new KeyValue { Key = "llmops.blob", Value = new AnyValue { BytesValue = ByteString.CopyFrom(1, 2, 3) } });
        var ev = new Span.Types.Event { Name = "gen_ai.content.prompt", TimeUnixNano = 1_700_000_000_100_000_000UL };
        ev.Attributes.Add(Kv("index", 1L));
        span.Events.Add(ev);
        var link = new Span.Types.Link { TraceId = TraceId(n + 500), SpanId = SpanId(n + 500), TraceState = "k=v", Flags = 1 };
        link.Attributes.Add(Kv("link.kind", "retry-of"));
        span.Links.Add(link);
        return span;
    }

    public static ExportTraceServiceRequest Traces(params Span[] spans)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "test.scope", Version = "1.2.3" } };
        scope.Spans.AddRange(spans);
        var rs = new ResourceSpans { Resource = new Resource(), SchemaUrl = "https://opentelemetry.io/schemas/1.30.0" };
        rs.Resource.Attributes.Add(Kv("service.name", "factory-assistant"));
        rs.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(rs);
        return request;
    }

    public static ExportTraceServiceRequest Traces(int count, int offset = 0)
    {
        var spans = new Span[count];
        for (var i = 0; i < count; i++)
        {
            spans[i] = GenAiSpan(offset + i);
        }

        return Traces(spans);
    }

    /// <summary>Root GenAI chat spans (one per trace) with captured question and answer, so the evaluators score them.</summary>
    public static ExportTraceServiceRequest ChatTracesWithContent(int count, int offset = 0, string answer = "Lock out the press, check the accumulator pre-charge, then restart.")
    {
        var request = Traces(count, offset);
        foreach (var span in request.ResourceSpans[0].ScopeSpans[0].Spans)
        {
            span.ParentSpanId = ByteString.Empty;
            span.Attributes.Add(Kv("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"How do I reset the press after alarm H-214?\"}]}]"));
            span.Attributes.Add(Kv("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + answer + "\"}]}]"));
        }

        return request;
    }

    public static ExportLogsServiceRequest EvaluationLogs()
    {
        var record = new LogRecord
        {
            TimeUnixNano = 1_700_000_001_000_000_000UL,
            EventName = "gen_ai.evaluation.result",
            TraceId = TraceId(7),
            SpanId = SpanId(7),
            SeverityNumber = SeverityNumber.Info,
            Body = new AnyValue { StringValue = "looks right" },
        };
        record.Attributes.Add(Kv("gen_ai.evaluation.name", "correctness"));
        record.Attributes.Add(Kv("gen_ai.evaluation.score.value", 0.9));
        record.Attributes.Add(Kv("gen_ai.evaluation.score.label", "pass"));
        var plain = new LogRecord { TimeUnixNano = 1_700_000_001_000_000_001UL, Body = new AnyValue { StringValue = "plain log" } };
        var scope = new ScopeLogs();
        scope.LogRecords.Add(record);
        scope.LogRecords.Add(plain);
        var rl = new ResourceLogs { Resource = new Resource() };
        rl.Resource.Attributes.Add(Kv("service.name", "factory-assistant"));
        rl.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(rl);
        return request;
    }

    /// <summary><see cref="EvaluationLogs"/> with invalid UTF-8 in a resource attribute and in the body of record 1.</summary>
    public static byte[] LogsWithInvalidUtf8()
    {
        var request = EvaluationLogs();
        request.ResourceLogs[0].Resource.Attributes.Add(Kv("note", "#y"));
        request.ResourceLogs[0].ScopeLogs[0].LogRecords[1].Body = new AnyValue { StringValue = "#y plain" };
        var payload = request.ToByteArray();
        Patch(payload, "#y", [0xff, 0xfe]);
        return payload;
    }

    /// <summary>The response's warning for <see cref="LogsWithInvalidUtf8"/>.</summary>
    public const string LogsWithInvalidUtf8Warning =
        "invalid UTF-8 kept as U+FFFD replacement characters in 2 places: resource 0; log record (resource 0, scope 0, index 1)";

    /// <summary><see cref="TokenUsageMetrics"/> with invalid UTF-8 in an attribute of the point of metric 1 ("requests").</summary>
    public static byte[] MetricsWithInvalidUtf8()
    {
        var request = TokenUsageMetrics();
        request.ResourceMetrics[0].ScopeMetrics[0].Metrics[1].Sum.DataPoints[0].Attributes.Add(Kv("route", "#y/chat"));
        var payload = request.ToByteArray();
        Patch(payload, "#y", [0xff, 0xfe]);
        return payload;
    }

    /// <summary>The response's warning for <see cref="MetricsWithInvalidUtf8"/>.</summary>
    public const string MetricsWithInvalidUtf8Warning =
        "invalid UTF-8 kept as U+FFFD replacement characters in 1 place: metric 'requests' (resource 0, scope 0, index 1)";

    public static ExportMetricsServiceRequest TokenUsageMetrics()
    {
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Delta };
        var point = new HistogramDataPoint { TimeUnixNano = 1_700_000_002_000_000_000UL, StartTimeUnixNano = 1_700_000_001_000_000_000UL, Count = 3, Sum = 4500 };
        point.ExplicitBounds.Add([1, 4, 16]);
        point.BucketCounts.Add([0, 0, 1, 2]);
        point.Attributes.Add(Kv("gen_ai.token.type", "input"));
        histogram.DataPoints.Add(point);
        var sum = new Sum { AggregationTemporality = AggregationTemporality.Cumulative, IsMonotonic = true };
        sum.DataPoints.Add(new NumberDataPoint { TimeUnixNano = 1_700_000_002_000_000_000UL, AsInt = 42 });
        return Metrics(new Metric { Name = "gen_ai.client.token.usage", Unit = "{token}", Histogram = histogram }, new Metric { Name = "requests", Sum = sum });
    }

    /// <summary>A gauge point plus three points the collector cannot serve: exponential histogram, summary, histogram without buckets.</summary>
    public static ExportMetricsServiceRequest UnsupportedMetrics()
    {
        const ulong time = 1_700_000_002_000_000_000UL;
        var gauge = new Gauge();
        gauge.DataPoints.Add(new NumberDataPoint { TimeUnixNano = time, AsDouble = 3.5 });
        var exponential = new ExponentialHistogram { AggregationTemporality = AggregationTemporality.Delta };
        exponential.DataPoints.Add(new ExponentialHistogramDataPoint { TimeUnixNano = time, Count = 1, Sum = 2 });
        var summary = new Summary();
        summary.DataPoints.Add(new SummaryDataPoint { TimeUnixNano = time, Count = 1, Sum = 2 });
        var noBuckets = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
        noBuckets.DataPoints.Add(new HistogramDataPoint { TimeUnixNano = time, Count = 1, Sum = 2 });
        return Metrics(
            new Metric { Name = "served", Gauge = gauge },
            new Metric { Name = "exp", ExponentialHistogram = exponential },
            new Metric { Name = "sum_quantiles", Summary = summary },
            new Metric { Name = "no_buckets", Histogram = noBuckets });
    }

    /// <summary>One resource and scope holding <paramref name="metrics"/>.</summary>
    public static ExportMetricsServiceRequest Metrics(params Metric[] metrics)
    {
        var scope = new ScopeMetrics();
        scope.Metrics.Add(metrics);
        var rm = new ResourceMetrics { Resource = new Resource() };
        rm.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(rm);
        return request;
    }
}
