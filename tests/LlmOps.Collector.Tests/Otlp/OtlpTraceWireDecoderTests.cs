using System.Globalization;
using System.Text;
using Google.Protobuf;
using LlmOps.Collector.Otlp;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Protos.Collector.Trace.V1;
using LlmOps.Protos.Common.V1;
using LlmOps.Protos.Resource.V1;
using LlmOps.Protos.Trace.V1;
using Xunit;

namespace LlmOps.Collector.Tests.Otlp;

/// <summary>
/// The receivers' wire decoder against the reference path (the generated parser, then <see cref="OtlpProtoDecoder.MapTraces"/>):
/// the same spans, attributes and rejections for every request, and a malformed message wherever the generated parser
/// finds one.
/// </summary>
public sealed class OtlpTraceWireDecoderTests
{
    [Fact]
    public void SampleRequests_DecodeAsTheReferencePath()
    {
        AssertSame(OtlpSamples.Traces(25).ToByteArray());
        AssertSame(OtlpSamples.ChatTracesWithContent(5).ToByteArray());
        AssertSame(Varied().ToByteArray());
        AssertSame([]);
    }

    [Fact]
    public void Spans_KeepEveryFieldAndValueKind()
    {
        var result = OtlpTraceWireDecoder.DecodeTraces(Varied().ToByteArray());
        Assert.Equal(6, result.Received);
        Assert.Equal(2, result.Rejections.Count);
        var span = result.Batch.Spans.Single(s => s.Name == "everything");
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", span.TraceId);
        Assert.Equal("1112131415161718", span.SpanId);
        Assert.Null(span.ParentSpanId);
        Assert.Equal((SpanKindCode)3, span.Kind);
        Assert.Equal((StatusCodeValue)2, span.StatusCode);
        Assert.Equal("boom", span.StatusMessage);
        Assert.Equal(0x0301u, span.Flags);
        Assert.Equal(-42, span.Attributes.Get("int")!.IntValue);
        Assert.Equal(0.1 + 0.2, span.Attributes.Get("double")!.DoubleValue);
        Assert.Equal("ünïcode ✓", span.Attributes.Get("text")!.StringValue);
        Assert.Equal(AttrKind.Empty, span.Attributes.Get("no value")!.Kind);
        Assert.Equal([9, 8, 7], span.Attributes.Get("bytes")!.BytesValue);
        Assert.Equal("inner", span.Attributes.Get("nested")!.ArrayValue![1].ArrayValue![0].KvListValue![0].Value.StringValue);
        Assert.Equal("factory-assistant", span.Resource.ServiceName);
        Assert.Equal("scope-b", span.Scope.Name);
        Assert.Single(span.Events);
        Assert.Equal("0f0e0d0c0b0a09080706050403020100", span.Links.Single().TraceId);
        Assert.Equal(2u, span.Links.Single().DroppedAttributesCount);
        Assert.Equal("chat", span.GenAi.Operation);
    }

    [Fact]
    public void AttributeKeys_AreSharedStringsAcrossRequests()
    {
        var a = OtlpTraceWireDecoder.DecodeTraces(OtlpSamples.Traces(1).ToByteArray()).Batch.Spans[0].Attributes;
        var b = OtlpTraceWireDecoder.DecodeTraces(OtlpSamples.Traces(1, 7).ToByteArray()).Batch.Spans[0].Attributes;
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Same(a[i].Key, b[i].Key);
        }
    }

    [Fact]
    public void FieldsOutOfOrder_UnknownFields_Groups_AndRepeatedMessages_ReadAsTheReferencePath()
    {
        var span = new Span { TraceId = Id(16, 1), SpanId = Id(8, 2), Name = "odd wire", Status = new Status { Code = Status.Types.StatusCode.Ok } };
        span.Attributes.Add(new KeyValue { Key = "k", Value = new AnyValue { IntValue = 5 } });
        var spanBytes = span.ToByteArray();

        // The span again, followed by: an unknown varint field, an unknown group holding a field, a second status (merged:
        // its message added, its code kept), a second name (the last wins), and the attribute's value sent twice.
        var extra = new MemoryStream();
        var w = new CodedOutputStream(extra);
        w.WriteTag(99, WireFormat.WireType.Varint);
        w.WriteUInt64(123456789);
        w.WriteTag(98, WireFormat.WireType.StartGroup);
        w.WriteTag(1, WireFormat.WireType.LengthDelimited);
        w.WriteString("inside a group");
        w.WriteTag(98, WireFormat.WireType.EndGroup);
        w.WriteTag(15, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(new Status { Message = "second status" }.ToByteString());
        w.WriteTag(5, WireFormat.WireType.LengthDelimited);
        w.WriteString("renamed");
        w.WriteTag(9, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom([.. new KeyValue { Key = "twice", Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { IntValue = 1 } } } } }.ToByteArray(), .. new KeyValue { Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { IntValue = 2 } } } } }.ToByteArray()]));
        w.Flush();
        var fullSpan = ByteString.CopyFrom([.. spanBytes, .. extra.ToArray()]);

        // ResourceSpans with the scope spans before the resource, and the schema URL last.
        var scopeSpans = new MemoryStream();
        var ws = new CodedOutputStream(scopeSpans);
        ws.WriteTag(2, WireFormat.WireType.LengthDelimited);
        ws.WriteBytes(fullSpan);
        ws.WriteTag(1, WireFormat.WireType.LengthDelimited);
        ws.WriteBytes(new InstrumentationScope { Name = "late scope" }.ToByteString());
        ws.Flush();
        var resourceSpans = new MemoryStream();
        var wr = new CodedOutputStream(resourceSpans);
        wr.WriteTag(2, WireFormat.WireType.LengthDelimited);
        wr.WriteBytes(ByteString.CopyFrom(scopeSpans.ToArray()));
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "late-service" } });
        wr.WriteTag(1, WireFormat.WireType.LengthDelimited);
        wr.WriteBytes(resource.ToByteString());
        wr.WriteTag(3, WireFormat.WireType.LengthDelimited);
        wr.WriteString("https://schema/late");
        wr.Flush();
        var request = new MemoryStream();
        var wq = new CodedOutputStream(request);
        wq.WriteTag(1, WireFormat.WireType.LengthDelimited);
        wq.WriteBytes(ByteString.CopyFrom(resourceSpans.ToArray()));
        wq.Flush();

        var payload = request.ToArray();
        AssertSame(payload);
        var decoded = OtlpTraceWireDecoder.DecodeTraces(payload).Batch.Spans.Single();
        Assert.Equal("renamed", decoded.Name);
        Assert.Equal("second status", decoded.StatusMessage);
        Assert.Equal(StatusCodeValue.Ok, decoded.StatusCode);
        Assert.Equal("late-service", decoded.Resource.ServiceName);
        Assert.Equal("late scope", decoded.Scope.Name);
        Assert.Equal([1L, 2L], decoded.Attributes.Get("twice")!.ArrayValue!.Select(v => v.IntValue));
    }

    [Fact]
    public void EveryTruncation_AndRandomDamage_FailOrDecodeAsTheReferencePath()
    {
        var payload = Varied().ToByteArray();
        for (var length = 0; length < payload.Length; length++)
        {
            AssertSame(payload.AsSpan(0, length).ToArray());
        }

        var random = new Random(20261206);
        var malformed = 0;
        for (var round = 0; round < 3000; round++)
        {
            var damaged = (byte[])payload.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            malformed += AssertSame(damaged) ? 0 : 1;
        }

        // Both kinds of outcome were compared, not only one.
        Assert.InRange(malformed, 1, 2999);
    }

    [Fact]
    public void InvalidUtf8_KeptAsReplacementCharacters_AsTheReferencePath_AndNamedInTheMessage()
    {
        // Placeholders of the invalid sequences' lengths, patched into the encoded request (lengths stay right).
        (string Placeholder, byte[] Bytes)[] invalid =
        [
            ("#a", [0xff, 0xfe]), ("#b", [0xc3, 0x28]), ("#c#", [0xed, 0xa0, 0x80]), ("#d", [0xc0, 0xaf]),
            ("#e#", [0xf4, 0x90, 0x80]), ("#f", [0xe2, 0x82]), ("#g", [0x80, 0x80]), ("#h", [0xff, 0xff]),
        ];
        var bad = new Span { TraceId = Id(16, 1), SpanId = Id(8, 2), Name = "bad #a name" };
        bad.Attributes.Add(new KeyValue { Key = "value", Value = new AnyValue { StringValue = "#a ok #b #c# #d #e# end#f" } });
        bad.Attributes.Add(new KeyValue { Key = "key #g", Value = new AnyValue { IntValue = 1 } });
        var good = new Span { TraceId = Id(16, 1), SpanId = Id(8, 3), Name = "good ✓" };
        var rejected = new Span { TraceId = Id(15, 1), SpanId = Id(8, 4), Name = "short id #h" };
        var badScope = new ScopeSpans { Scope = new InstrumentationScope { Name = "scope #h" }, Spans = { new Span { TraceId = Id(16, 1), SpanId = Id(8, 5), Name = "in bad scope" } } };
        var request = Request(new ScopeSpans { Spans = { good, bad, rejected } }, badScope);
        var payload = request.ToByteArray();
        foreach (var (placeholder, bytes) in invalid)
        {
            OtlpSamples.Patch(payload, placeholder, bytes);
        }

        Assert.True(AssertSame(payload));
        var result = OtlpTraceWireDecoder.DecodeTraces(payload);
        var span = result.Batch.Spans.Single(s => s.SpanId == OtlpIds.ToHex(Id(8, 2).Span));
        Assert.Equal("bad \uFFFD\uFFFD name", span.Name);
        Assert.Equal("\uFFFD\uFFFD ok \uFFFD( \uFFFD\uFFFD\uFFFD \uFFFD\uFFFD \uFFFD\uFFFD\uFFFD end\uFFFD", span.Attributes.Get("value")!.StringValue);
        Assert.NotNull(span.Attributes.Get("key \uFFFD\uFFFD"));
        Assert.Equal(1, result.Rejections.Count);
        Assert.Equal(2, result.Rejections.InvalidUtf8Count);
        var message = result.Rejections.ResponseMessage("spans");
        Assert.Contains("1 spans rejected: span 'short id \uFFFD\uFFFD' (resource 0, scope 0, index 2): trace_id must be 16 bytes", message, StringComparison.Ordinal);
        Assert.Contains("; invalid UTF-8 kept as U+FFFD replacement characters in 2 places: span 'bad \uFFFD\uFFFD name' (resource 0, scope 0, index 1); scope 1 of resource 0", message, StringComparison.Ordinal);
        Assert.DoesNotContain("good", message, StringComparison.Ordinal);
        Assert.DoesNotContain("in bad scope", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsMalformed_NotAStackOverflow()
    {
        var value = new AnyValue { StringValue = "bottom" };
        for (var i = 0; i < 200; i++)
        {
            value = new AnyValue { ArrayValue = new ArrayValue { Values = { value } } };
        }

        var span = new Span { TraceId = Id(16, 1), SpanId = Id(8, 2), Name = "deep" };
        span.Attributes.Add(new KeyValue { Key = "deep", Value = value });
        var bytes = Request(new ScopeSpans { Spans = { span } }).ToByteArray();
        var ex = Assert.Throws<MalformedProtobufException>(() => OtlpTraceWireDecoder.DecodeTraces(bytes));
        Assert.Contains("nested", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributesNestedPastTheLimit_RejectTheSpan_AsTheReferencePath()
    {
        var deepest = new Span { TraceId = Id(16, 1), SpanId = Id(8, 2), Name = "deepest accepted" };
        deepest.Attributes.Add(new KeyValue { Key = "deep", Value = OtlpSamples.Nested(AttrJson.MaxNesting) });
        var link = new Span.Types.Link { TraceId = Id(16, 3), SpanId = Id(8, 4) };
        link.Attributes.Add(new KeyValue { Key = "deep", Value = OtlpSamples.Nested(AttrJson.MaxNesting) });
        deepest.Links.Add(link);
        var deeper = new Span { TraceId = Id(16, 1), SpanId = Id(8, 3), Name = "one deeper" };
        deeper.Attributes.Add(new KeyValue { Key = "deeper", Value = OtlpSamples.Nested(AttrJson.MaxNesting + 1) });
        var deeperInEvent = new Span { TraceId = Id(16, 1), SpanId = Id(8, 4), Name = "one deeper in an event" };
        var e = new Span.Types.Event { Name = "e" };
        e.Attributes.Add(new KeyValue { Key = "deeper", Value = OtlpSamples.Nested(AttrJson.MaxNesting + 1) });
        deeperInEvent.Events.Add(e);
        var bytes = Request(new ScopeSpans { Spans = { deepest, deeper, deeperInEvent } }).ToByteArray();

        Assert.True(AssertSame(bytes));
        var result = OtlpTraceWireDecoder.DecodeTraces(bytes);
        Assert.Equal("deepest accepted", Assert.Single(result.Batch.Spans).Name);
        Assert.Equal(2, result.Rejections.Count);
        var message = result.Rejections.ErrorMessage("spans");
        Assert.Contains("attribute 'deeper' nests arrayValue/kvlistValue more than 20 levels deep", message, StringComparison.Ordinal);
        Assert.Contains("event 0 attribute 'deeper'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksWithInvalidIds_AndTimesPastInt64_RejectTheSpan_AsTheReferencePath()
    {
        static Span WithLink(string name, int seed, ByteString traceId, ByteString spanId)
        {
            var span = new Span { TraceId = Id(16, 1), SpanId = Id(8, seed), Name = name };
            span.Links.Add(new Span.Types.Link { TraceId = traceId, SpanId = spanId });
            return span;
        }

        var ok = WithLink("ok", 10, Id(16, 2), Id(8, 3));
        var shortTrace = WithLink("short link trace id", 11, Id(3, 2), Id(8, 3));
        var emptySpan = WithLink("empty link span id", 12, Id(16, 2), ByteString.Empty);
        var zero = WithLink("zero link", 13, ByteString.CopyFrom(new byte[16]), ByteString.CopyFrom(new byte[8]));
        var late = new Span { TraceId = Id(16, 1), SpanId = Id(8, 14), Name = "late", EndTimeUnixNano = ulong.MaxValue };
        var lateEvent = new Span { TraceId = Id(16, 1), SpanId = Id(8, 15), Name = "late event", Events = { new Span.Types.Event { TimeUnixNano = (ulong)long.MaxValue + 1 } } };
        var bytes = Request(new ScopeSpans { Spans = { ok, shortTrace, emptySpan, zero, late, lateEvent } }).ToByteArray();

        Assert.True(AssertSame(bytes));
        var result = OtlpTraceWireDecoder.DecodeTraces(bytes);
        Assert.Equal("ok", Assert.Single(result.Batch.Spans).Name);
        Assert.Equal(5, result.Rejections.Count);
        var message = result.Rejections.ErrorMessage("spans");
        Assert.Contains("'short link trace id' (resource 0, scope 0, index 1): link 0: traceId must be 16 bytes", message, StringComparison.Ordinal);
        Assert.Contains("'empty link span id' (resource 0, scope 0, index 2): link 0: spanId must be 8 bytes", message, StringComparison.Ordinal);
        Assert.Contains("'zero link' (resource 0, scope 0, index 3): link 0: traceId", message, StringComparison.Ordinal);
    }

    /// <summary>Decodes with both paths; true when both decoded (to the same dump), false when both found it malformed.</summary>
    private static bool AssertSame(byte[] payload)
    {
        string? reference;
        try
        {
            var result = new DecodeResult();
            OtlpProtoDecoder.MapTraces(ExportTraceServiceRequest.Parser.ParseFrom(payload), result);
            reference = Dump(result);
        }
        catch (InvalidProtocolBufferException)
        {
            reference = null;
        }

        string? wire;
        try
        {
            wire = Dump(OtlpTraceWireDecoder.DecodeTraces(payload));
        }
        catch (MalformedProtobufException)
        {
            wire = null;
        }

        Assert.True(reference == wire, $"payload {Convert.ToHexString(payload)}:\nreference: {reference ?? "malformed"}\nwire: {wire ?? "malformed"}");
        return wire is not null;
    }

    private static string Dump(DecodeResult r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"received {r.Received}, rejected {r.Rejections.Count}: {(r.Rejections.Count > 0 ? r.Rejections.ErrorMessage("spans") : string.Empty)}\n");
        foreach (var s in r.Batch.Spans)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.TraceId}/{s.SpanId}/{s.ParentSpanId}|{s.TraceState}|{s.Flags}|{s.Name}|{s.Kind}|{s.StartTimeUnixNano}-{s.EndTimeUnixNano}|{s.StatusCode}:{s.StatusMessage}|{s.DroppedAttributesCount}/{s.DroppedEventsCount}/{s.DroppedLinksCount}\n");
            sb.Append(" resource ").Append(s.Resource.SchemaUrl).Append(' ');
            Dump(sb, s.Resource.Attributes);
            sb.Append("\n scope ").Append(s.Scope.Name).Append('@').Append(s.Scope.Version).Append(' ');
            Dump(sb, s.Scope.Attributes);
            sb.Append("\n attributes ");
            Dump(sb, s.Attributes);
            foreach (var e in s.Events)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n event {e.TimeUnixNano} {e.Name} {e.DroppedAttributesCount} ");
                Dump(sb, e.Attributes);
            }

            foreach (var l in s.Links)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n link {l.TraceId}/{l.SpanId} {l.TraceState} {l.Flags} {l.DroppedAttributesCount} ");
                Dump(sb, l.Attributes);
            }

            sb.Append(CultureInfo.InvariantCulture, $"\n genai {s.GenAi.Operation} {s.GenAi.RequestModel} {s.GenAi.InputTokens} {s.GenAi.SessionId}\n");
        }

        return sb.ToString();
    }

    private static void Dump(StringBuilder sb, IReadOnlyList<KeyValuePair<string, AttrValue>> list)
    {
        sb.Append('{');
        foreach (var (k, v) in list)
        {
            sb.Append(k).Append('=');
            Dump(sb, v);
            sb.Append(';');
        }

        sb.Append('}');
    }

    private static void Dump(StringBuilder sb, AttrValue v)
    {
        switch (v.Kind)
        {
            case AttrKind.Array:
                sb.Append('[');
                foreach (var item in v.ArrayValue!)
                {
                    Dump(sb, item);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case AttrKind.KvList:
                Dump(sb, v.KvListValue!);
                break;
            case AttrKind.Bytes:
                sb.Append("0x").Append(Convert.ToHexString(v.BytesValue!));
                break;
            case AttrKind.Double:
                sb.Append(v.DoubleValue.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(v.Kind).Append(':').Append(v.StringValue).Append(v.IntValue).Append(v.BoolValue);
                break;
        }
    }

    private static ByteString Id(int length, int seed) => ByteString.CopyFrom([.. Enumerable.Range(seed, length).Select(i => (byte)i)]);

    private static ExportTraceServiceRequest Request(params ScopeSpans[] scopes)
    {
        var rs = new ResourceSpans { Resource = new Resource(), SchemaUrl = "https://opentelemetry.io/schemas/1.30.0" };
        rs.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "factory-assistant" } });
        rs.ScopeSpans.AddRange(scopes);
        return new ExportTraceServiceRequest { ResourceSpans = { rs } };
    }

    /// <summary>Two resources and three scopes (one without a scope), with valid and invalid spans and every value kind.</summary>
    private static ExportTraceServiceRequest Varied()
    {
        var everything = new Span
        {
            TraceId = Id(16, 1),
            SpanId = Id(8, 17),
            Name = "everything",
            Kind = Span.Types.SpanKind.Client,
            StartTimeUnixNano = 1_700_000_000_000_000_000UL,
            EndTimeUnixNano = 1_700_000_000_250_000_000UL,
            TraceState = "a=b",
            Flags = 0x0301,
            DroppedAttributesCount = 3,
            DroppedEventsCount = 4,
            DroppedLinksCount = 5,
            Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" },
        };
        everything.Attributes.Add(new KeyValue { Key = "gen_ai.operation.name", Value = new AnyValue { StringValue = "chat" } });
        everything.Attributes.Add(new KeyValue { Key = "int", Value = new AnyValue { IntValue = -42 } });
        everything.Attributes.Add(new KeyValue { Key = "double", Value = new AnyValue { DoubleValue = 0.1 + 0.2 } });
        everything.Attributes.Add(new KeyValue { Key = "bool", Value = new AnyValue { BoolValue = true } });
        everything.Attributes.Add(new KeyValue { Key = "text", Value = new AnyValue { StringValue = "ünïcode ✓" } });
        everything.Attributes.Add(new KeyValue { Key = "no value" });
        everything.Attributes.Add(new KeyValue { Key = "bytes", Value = new AnyValue { BytesValue = ByteString.CopyFrom(9, 8, 7) } });
        everything.Attributes.Add(new KeyValue { Key = new string('k', 200), Value = new AnyValue { StringValue = "a long key" } });
        everything.Attributes.Add(new KeyValue
        {
            Key = "nested",
            Value = new AnyValue
            {
                ArrayValue = new ArrayValue
                {
                    Values =
                    {
                        new AnyValue { IntValue = 1 },
                        new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { KvlistValue = new KeyValueList { Values = { new KeyValue { Key = "x", Value = new AnyValue { StringValue = "inner" } } } } } } } },
                        new AnyValue(),
                    },
                },
            },
        });
        var ev = new Span.Types.Event { Name = "evt", TimeUnixNano = 1_700_000_000_100_000_000UL, DroppedAttributesCount = 1 };
        ev.Attributes.Add(new KeyValue { Key = "i", Value = new AnyValue { IntValue = 1 } });
        everything.Events.Add(ev);
        var link = new Span.Types.Link { TraceId = ByteString.CopyFrom([.. Enumerable.Range(0, 16).Select(i => (byte)(15 - i))]), SpanId = Id(8, 40), TraceState = "k=v", Flags = 1, DroppedAttributesCount = 2 };
        link.Attributes.Add(new KeyValue { Key = "link.kind", Value = new AnyValue { StringValue = "retry-of" } });
        everything.Links.Add(link);

        var child = new Span { TraceId = Id(16, 1), SpanId = Id(8, 30), ParentSpanId = Id(8, 17), Name = "child" };
        var zeroParent = new Span { TraceId = Id(16, 2), SpanId = Id(8, 31), ParentSpanId = ByteString.CopyFrom(new byte[8]), Name = "zero parent" };
        var badTrace = new Span { TraceId = Id(15, 1), SpanId = Id(8, 32), Name = "short trace id" };
        var badParent = new Span { TraceId = Id(16, 3), SpanId = Id(8, 33), ParentSpanId = Id(3, 1), Name = "bad parent" };
        var plain = new Span { TraceId = Id(16, 4), SpanId = Id(8, 34), Name = "no scope" };

        var scopeB = new ScopeSpans { Scope = new InstrumentationScope { Name = "scope-b", Version = "2.0", Attributes = { new KeyValue { Key = "s", Value = new AnyValue { StringValue = "v" } } } }, SchemaUrl = "https://scope" };
        scopeB.Spans.Add(everything);
        scopeB.Spans.Add(badTrace);
        scopeB.Spans.Add(child);
        var scopeC = new ScopeSpans { Scope = new InstrumentationScope { Name = "scope-c" } };
        scopeC.Spans.Add(zeroParent);
        scopeC.Spans.Add(badParent);
        var request = Request(scopeB, scopeC);
        var second = new ResourceSpans { Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "other" } } } } };
        second.ScopeSpans.Add(new ScopeSpans { Spans = { plain } });
        request.ResourceSpans.Add(second);
        return request;
    }
}
