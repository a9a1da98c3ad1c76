using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> straight from its protobuf wire bytes into the span model, without
/// building the generated message objects first: about half the allocations of parse-then-map, and attribute keys
/// (the same few dozen on every span) are shared strings instead of new ones per span. It keeps the generated parser's
/// meaning: fields in any order, unknown fields and fields of an unexpected wire type skipped, a repeated singular
/// field's last value kept and a repeated message field merged, strings decoded as UTF-8 with replacement characters
/// (a kept span, scope or resource where that happened is named in the response's message, <see cref="Utf8Strings"/>).
/// The result is the same as <see cref="OtlpProtoDecoder.MapTraces"/> over the generated parser's message (a test
/// compares the two).
/// </summary>
internal static class OtlpTraceWireDecoder
{
    /// <summary>Deepest nesting of messages accepted, as the generated parser's default recursion limit.</summary>
    public const int MaxDepth = 100;

    internal const int Varint = 0;
    internal const int Fixed64 = 1;
    internal const int Len = 2;
    internal const int StartGroup = 3;
    internal const int EndGroup = 4;
    internal const int Fixed32 = 5;

    private const int MaxInternedKeys = 4096;
    private const int MaxInternedKeyChars = 128;

    private static readonly AttrValue True = AttrValue.Of(true);
    private static readonly AttrValue False = AttrValue.Of(false);
    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KeysBySpan = Keys.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _internedKeys;

    /// <summary>Decodes a request; throws <see cref="MalformedProtobufException"/> when the bytes are not a valid message.</summary>
    public static DecodeResult DecodeTraces(ReadOnlySpan<byte> payload, bool normalizeGenAi = true)
    {
        var result = new DecodeResult();
        Utf8Strings.TakeReplaced();
        var reader = new WireReader(payload);
        var r = 0;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == Len)
            {
                ResourceSpans(reader.Bytes(), r++, result, normalizeGenAi);
            }
            else
            {
                reader.Skip(wireType, field, 1);
            }
        }

        return result;
    }

    private static void ResourceSpans(ReadOnlySpan<byte> message, int r, DecodeResult result, bool normalizeGenAi)
    {
        // The resource and schema URL may follow the spans on the wire: read them first.
        AttributeList? resourceAttributes = null;
        var schemaUrl = string.Empty;
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == Len)
            {
                Resource(reader.Bytes(), resourceAttributes ??= []);
            }
            else if (field == 3 && wireType == Len)
            {
                schemaUrl = reader.String();
            }
            else
            {
                reader.Skip(wireType, field, 2);
            }
        }

        if (Utf8Strings.TakeReplaced())
        {
            result.Rejections.AddInvalidUtf8(string.Create(CultureInfo.InvariantCulture, $"resource {r}"));
        }

        var resource = new ResourceInfo { Attributes = resourceAttributes ?? [], SchemaUrl = schemaUrl };
        reader = new WireReader(message);
        var s = 0;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 2 && wireType == Len)
            {
                ScopeSpans(reader.Bytes(), resource, r, s++, result, normalizeGenAi);
            }
            else
            {
                reader.Skip(wireType, field, 2);
            }
        }
    }

    private static void Resource(ReadOnlySpan<byte> message, AttributeList attributes)
    {
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == Len)
            {
                KeyValue(reader.Bytes(), attributes, 4);
            }
            else if (field == 3 && wireType == Len)
            {
                // entity_refs: not kept, but a message, so its bytes must be one (as the generated parser checks).
                WellFormed(reader.Bytes(), 4);
            }
            else
            {
                reader.Skip(wireType, field, 3);
            }
        }
    }

    private static void ScopeSpans(ReadOnlySpan<byte> message, ResourceInfo resource, int r, int s, DecodeResult result, bool normalizeGenAi)
    {
        ScopeState? scopeState = null;
        var reader = new WireReader(message);
        var count = 0;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == Len)
            {
                Scope(reader.Bytes(), scopeState ??= new ScopeState());
            }
            else if (field == 2 && wireType == Len)
            {
                reader.Bytes();
                count++;
            }
            else
            {
                reader.Skip(wireType, field, 3);
            }
        }

        if (Utf8Strings.TakeReplaced())
        {
            result.Rejections.AddInvalidUtf8(string.Create(CultureInfo.InvariantCulture, $"scope {s} of resource {r}"));
        }

        var scope = scopeState is null ? ScopeInfo.Unknown : new ScopeInfo { Name = scopeState.Name, Version = scopeState.Version, Attributes = scopeState.Attributes };
        result.Received += count;
        var spans = result.Batch.Spans;
        if (spans.Capacity - spans.Count < count)
        {
            spans.Capacity = spans.Count + count;
        }

        reader = new WireReader(message);
        var i = 0;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 2 && wireType == Len)
            {
                var span = Span(reader.Bytes(), resource, scope, out var error);
                var replaced = Utf8Strings.TakeReplaced();
                if (error is not null)
                {
                    result.Rejections.AddSpan(span.Name, r, s, i, error);
                }
                else
                {
                    if (replaced)
                    {
                        result.Rejections.AddInvalidUtf8(Rejections.SpanPlace(span.Name, r, s, i));
                    }

                    if (normalizeGenAi)
                    {
                        span.GenAi = GenAiNormalizer.Normalize(span);
                    }

                    spans.Add(span);
                }

                i++;
            }
            else
            {
                reader.Skip(wireType, field, 3);
            }
        }
    }

    private sealed class ScopeState
    {
        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public AttributeList Attributes { get; } = [];
    }

    private static void Scope(ReadOnlySpan<byte> message, ScopeState scope)
    {
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == Len:
                    scope.Name = reader.String();
                    break;
                case 2 when wireType == Len:
                    scope.Version = reader.String();
                    break;
                case 3 when wireType == Len:
                    KeyValue(reader.Bytes(), scope.Attributes, 5);
                    break;
                default:
                    reader.Skip(wireType, field, 4);
                    break;
            }
        }
    }

    private static SpanRecord Span(ReadOnlySpan<byte> message, ResourceInfo resource, ScopeInfo scope, out string? error)
    {
        var record = new SpanRecord { Resource = resource, Scope = scope };
        ReadOnlySpan<byte> traceId = default, spanId = default, parent = default;
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == Len:
                    traceId = reader.Bytes();
                    break;
                case 2 when wireType == Len:
                    spanId = reader.Bytes();
                    break;
                case 3 when wireType == Len:
                    record.TraceState = reader.String();
                    break;
                case 4 when wireType == Len:
                    parent = reader.Bytes();
                    break;
                case 5 when wireType == Len:
                    record.Name = reader.String();
                    break;
                case 6 when wireType == Varint:
                    record.Kind = (SpanKindCode)(int)reader.Varint();
                    break;
                case 7 when wireType == Fixed64:
                    record.StartTimeUnixNano = (long)reader.Fixed64();
                    break;
                case 8 when wireType == Fixed64:
                    record.EndTimeUnixNano = (long)reader.Fixed64();
                    break;
                case 9 when wireType == Len:
                    KeyValue(reader.Bytes(), record.Attributes, 5);
                    break;
                case 10 when wireType == Varint:
                    record.DroppedAttributesCount = (uint)reader.Varint();
                    break;
                case 11 when wireType == Len:
                    record.Events.Add(Event(reader.Bytes()));
                    break;
                case 12 when wireType == Varint:
                    record.DroppedEventsCount = (uint)reader.Varint();
                    break;
                case 13 when wireType == Len:
                    record.Links.Add(Link(reader.Bytes()));
                    break;
                case 14 when wireType == Varint:
                    record.DroppedLinksCount = (uint)reader.Varint();
                    break;
                case 15 when wireType == Len:
                    Status(reader.Bytes(), record);
                    break;
                case 16 when wireType == Fixed32:
                    record.Flags = reader.Fixed32();
                    break;
                default:
                    reader.Skip(wireType, field, 4);
                    break;
            }
        }

        error = OtlpIds.SpanIdsError(traceId, spanId, parent) ?? SpanChecks.Error(record);
        if (error is null)
        {
            record.TraceId = OtlpIds.ToHex(traceId);
            record.SpanId = OtlpIds.ToHex(spanId);
            record.ParentSpanId = parent.IndexOfAnyExcept((byte)0) >= 0 ? OtlpIds.ToHex(parent) : null;
        }

        return record;
    }

    private static void Status(ReadOnlySpan<byte> message, SpanRecord record)
    {
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 2 && wireType == Len)
            {
                record.StatusMessage = reader.String();
            }
            else if (field == 3 && wireType == Varint)
            {
                record.StatusCode = (StatusCodeValue)(int)reader.Varint();
            }
            else
            {
                reader.Skip(wireType, field, 5);
            }
        }
    }

    private static SpanEvent Event(ReadOnlySpan<byte> message)
    {
        var e = new SpanEvent();
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == Fixed64:
                    e.TimeUnixNano = (long)reader.Fixed64();
                    break;
                case 2 when wireType == Len:
                    e.Name = reader.String();
                    break;
                case 3 when wireType == Len:
                    KeyValue(reader.Bytes(), e.Attributes, 6);
                    break;
                case 4 when wireType == Varint:
                    e.DroppedAttributesCount = (uint)reader.Varint();
                    break;
                default:
                    reader.Skip(wireType, field, 5);
                    break;
            }
        }

        return e;
    }

    private static SpanLink Link(ReadOnlySpan<byte> message)
    {
        var l = new SpanLink();
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == Len:
                    l.TraceId = OtlpIds.ToHex(reader.Bytes());
                    break;
                case 2 when wireType == Len:
                    l.SpanId = OtlpIds.ToHex(reader.Bytes());
                    break;
                case 3 when wireType == Len:
                    l.TraceState = reader.String();
                    break;
                case 4 when wireType == Len:
                    KeyValue(reader.Bytes(), l.Attributes, 6);
                    break;
                case 5 when wireType == Varint:
                    l.DroppedAttributesCount = (uint)reader.Varint();
                    break;
                case 6 when wireType == Fixed32:
                    l.Flags = reader.Fixed32();
                    break;
                default:
                    reader.Skip(wireType, field, 5);
                    break;
            }
        }

        return l;
    }

    /// <summary>Appends one <c>KeyValue</c> to <paramref name="list"/>.</summary>
    private static void KeyValue(ReadOnlySpan<byte> message, AttributeList list, int depth)
    {
        Depth(depth);
        var key = string.Empty;
        var value = default(AnyValueState);
        var hasValue = false;
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == Len)
            {
                key = Key(reader.Bytes());
            }
            else if (field == 2 && wireType == Len)
            {
                AnyValue(reader.Bytes(), ref value, depth + 1);
                hasValue = true;
            }
            else
            {
                reader.Skip(wireType, field, depth + 1);
            }
        }

        list.Add(key, hasValue ? value.ToAttrValue() : AttrValue.Empty);
    }

    /// <summary>What an <c>AnyValue</c> holds so far: a later occurrence of the message merges into it, as in the generated parser.</summary>
    private struct AnyValueState
    {
        public int Case;
        public string? String;
        public long Int;
        public double Double;
        public bool Bool;
        public byte[]? Bytes;
        public List<AttrValue>? Array;
        public AttributeList? KvList;

        public readonly AttrValue ToAttrValue() => Case switch
        {
            1 => AttrValue.Of(String!),
            2 => Bool ? True : False,
            3 => AttrValue.Of(Int),
            4 => AttrValue.Of(Double),
            5 => AttrValue.Of(Array!),
            6 => AttrValue.Of((IReadOnlyList<KeyValuePair<string, AttrValue>>)KvList!),
            7 => AttrValue.OfBytes(Bytes!),
            _ => AttrValue.Empty,
        };
    }

    private static void AnyValue(ReadOnlySpan<byte> message, ref AnyValueState v, int depth)
    {
        Depth(depth);
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == Len:
                    v.Case = 1;
                    v.String = reader.String();
                    break;
                case 2 when wireType == Varint:
                    v.Case = 2;
                    v.Bool = reader.Varint() != 0;
                    break;
                case 3 when wireType == Varint:
                    v.Case = 3;
                    v.Int = (long)reader.Varint();
                    break;
                case 4 when wireType == Fixed64:
                    v.Case = 4;
                    v.Double = BitConverter.UInt64BitsToDouble(reader.Fixed64());
                    break;
                case 5 when wireType == Len:
                    if (v.Case != 5)
                    {
                        v.Array = [];
                    }

                    v.Case = 5;
                    ArrayValue(reader.Bytes(), v.Array!, depth + 1);
                    break;
                case 6 when wireType == Len:
                    if (v.Case != 6)
                    {
                        v.KvList = [];
                    }

                    v.Case = 6;
                    KeyValueList(reader.Bytes(), v.KvList!, depth + 1);
                    break;
                case 7 when wireType == Len:
                    v.Case = 7;
                    v.Bytes = reader.Bytes().ToArray();
                    break;
                default:
                    reader.Skip(wireType, field, depth + 1);
                    break;
            }
        }
    }

    private static void ArrayValue(ReadOnlySpan<byte> message, List<AttrValue> values, int depth)
    {
        Depth(depth);
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == Len)
            {
                var item = default(AnyValueState);
                AnyValue(reader.Bytes(), ref item, depth + 1);
                values.Add(item.ToAttrValue());
            }
            else
            {
                reader.Skip(wireType, field, depth + 1);
            }
        }
    }

    private static void KeyValueList(ReadOnlySpan<byte> message, AttributeList values, int depth)
    {
        Depth(depth);
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == Len)
            {
                KeyValue(reader.Bytes(), values, depth + 1);
            }
            else
            {
                reader.Skip(wireType, field, depth + 1);
            }
        }
    }

    /// <summary>Checks that <paramref name="message"/> is a sequence of well-formed fields, without keeping any.</summary>
    private static void WellFormed(ReadOnlySpan<byte> message, int depth)
    {
        Depth(depth);
        var reader = new WireReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            reader.Skip(wireType, field, depth + 1);
        }
    }

    internal static void Depth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MalformedProtobufException($"messages are nested more than {MaxDepth} deep");
        }
    }

    /// <summary>An attribute key: one shared string per distinct key (up to <see cref="MaxInternedKeys"/> keys), else a new one.</summary>
    private static string Key(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxInternedKeyChars)
        {
            return Utf8Strings.Encoding.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxInternedKeyChars];
        var n = Utf8Strings.Encoding.GetChars(utf8, chars);
        var key = chars[..n];
        if (KeysBySpan.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var s = new string(key);
        if (Volatile.Read(ref _internedKeys) < MaxInternedKeys && Keys.TryAdd(s, s))
        {
            Interlocked.Increment(ref _internedKeys);
        }

        return s;
    }
}

/// <summary>Protobuf bytes that do not make a valid message.</summary>
internal sealed class MalformedProtobufException(string message) : Exception(message);
