using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace LlmOps.Processors.Model;

/// <summary>
/// JSON encodings of attribute values. The typed form is OTLP/JSON's (<c>{"key":"k","value":{"intValue":"5"}}</c>): it
/// keeps every type exactly and is what the store and the query API use. The plain form maps values to native JSON
/// (used for content attributes that were sent as structures).
/// </summary>
internal static class AttrJson
{
    /// <summary>
    /// Deepest nesting of <c>arrayValue</c>/<c>kvlistValue</c> inside one attribute value that the receivers accept (a
    /// list of scalars is 1). Deeper values reject their span, so everything stored reads back within
    /// <see cref="ReadOptions"/>.
    /// </summary>
    public const int MaxNesting = 20;

    /// <summary>
    /// Options for reading stored attributes back: a key-value list level is 4 JSON levels, so <see cref="MaxNesting"/>
    /// levels inside a link's or event's attribute list need about 90, well within this.
    /// </summary>
    public static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 256 };

    /// <summary>The key of the first attribute nested deeper than <see cref="MaxNesting"/>, or null when none is.</summary>
    public static string? TooDeep(IReadOnlyList<KeyValuePair<string, AttrValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        for (var i = 0; i < attributes.Count; i++)
        {
            if (IsTooDeep(attributes[i].Value))
            {
                return attributes[i].Key;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="value"/> (an attribute's value, a log record's body) nests deeper than <see cref="MaxNesting"/>.</summary>
    public static bool IsTooDeep(AttrValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Kind is AttrKind.Array or AttrKind.KvList && Nesting(value, 1) > MaxNesting;
    }

    private static int Nesting(AttrValue v, int level)
    {
        if (level > MaxNesting)
        {
            return level;
        }

        var deepest = level;
        if (v.Kind == AttrKind.Array)
        {
            var items = v.ArrayValue!;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Kind is AttrKind.Array or AttrKind.KvList)
                {
                    deepest = Math.Max(deepest, Nesting(items[i], level + 1));
                }
            }
        }
        else if (v.Kind == AttrKind.KvList)
        {
            var items = v.KvListValue!;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Value.Kind is AttrKind.Array or AttrKind.KvList)
                {
                    deepest = Math.Max(deepest, Nesting(items[i].Value, level + 1));
                }
            }
        }

        return deepest;
    }

    public static string ToTypedJson(IReadOnlyList<KeyValuePair<string, AttrValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteTypedList(w, attributes);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteTypedList(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, AttrValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(attributes);
        w.WriteStartArray();
        foreach (var kv in attributes)
        {
            w.WriteStartObject();
            w.WriteString("key", kv.Key);
            w.WritePropertyName("value");
            WriteTyped(w, kv.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteTyped(Utf8JsonWriter w, AttrValue v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(v);
        w.WriteStartObject();
        switch (v.Kind)
        {
            case AttrKind.String:
                w.WriteString("stringValue", v.StringValue);
                break;
            case AttrKind.Bool:
                w.WriteBoolean("boolValue", v.BoolValue);
                break;
            case AttrKind.Int:
                w.WriteString("intValue", v.IntValue.ToString(CultureInfo.InvariantCulture));
                break;
            case AttrKind.Double:
                WriteDouble(w, "doubleValue", v.DoubleValue);
                break;
            case AttrKind.Bytes:
                w.WriteBase64String("bytesValue", v.BytesValue);
                break;
            case AttrKind.Array:
                w.WritePropertyName("arrayValue");
                w.WriteStartObject();
                w.WritePropertyName("values");
                w.WriteStartArray();
                foreach (var item in v.ArrayValue!)
                {
                    WriteTyped(w, item);
                }

                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case AttrKind.KvList:
                w.WritePropertyName("kvlistValue");
                w.WriteStartObject();
                w.WritePropertyName("values");
                WriteTypedList(w, v.KvListValue!);
                w.WriteEndObject();
                break;
            default:
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter w, string name, double d)
    {
        if (double.IsFinite(d))
        {
            w.WriteNumber(name, d);
        }
        else
        {
            // OTLP/JSON (proto3 JSON mapping) spells non-finite doubles as strings.
            w.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    /// <summary>
    /// Writes attributes as one JSON object in their order, each value as native JSON where that keeps its type: a
    /// string, <c>true</c>/<c>false</c>, an integer as digits only, a finite double always with a fraction or exponent
    /// (<c>1.0</c>, never <c>1</c>). Any other value (bytes, arrays, key-value lists, non-finite doubles, empty) is the
    /// typed OTLP/JSON object of <see cref="WriteTyped"/>. About a third smaller than the typed list for GenAI spans;
    /// <see cref="ParseAttributes"/> reads both forms back to the same list, duplicate keys included.
    /// </summary>
    public static void WriteCompactObject(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, AttrValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(attributes);
        Span<char> number = stackalloc char[40];
        w.WriteStartObject();
        foreach (var kv in attributes)
        {
            var v = kv.Value;
            switch (v.Kind)
            {
                case AttrKind.String:
                    w.WriteString(kv.Key, v.StringValue);
                    break;
                case AttrKind.Bool:
                    w.WriteBoolean(kv.Key, v.BoolValue);
                    break;
                case AttrKind.Int:
                    w.WriteNumber(kv.Key, v.IntValue);
                    break;
                case AttrKind.Double when double.IsFinite(v.DoubleValue)
                    && v.DoubleValue.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture):
                    w.WritePropertyName(kv.Key);
                    if (number[..written].IndexOfAny('.', 'E', 'e') < 0)
                    {
                        // "R" spells 2.0 as "2", which would read back as an integer.
                        number[written++] = '.';
                        number[written++] = '0';
                    }

                    w.WriteRawValue(number[..written], skipInputValidation: true);
                    break;
                default:
                    w.WritePropertyName(kv.Key);
                    WriteTyped(w, v);
                    break;
            }
        }

        w.WriteEndObject();
    }

    /// <summary>Parses stored attributes in either form: the typed list (<c>[{"key":..,"value":..}]</c>) or the compact object of <see cref="WriteCompactObject"/>.</summary>
    public static AttributeList ParseAttributes(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json, ReadOptions);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseTypedList(root);
        }

        var list = new AttributeList();
        foreach (var p in root.EnumerateObject())
        {
            var e = p.Value;
            var value = e.ValueKind switch
            {
                JsonValueKind.String => AttrValue.Of(e.GetString()!),
                JsonValueKind.True => AttrValue.Of(true),
                JsonValueKind.False => AttrValue.Of(false),
                JsonValueKind.Number when e.GetRawText().AsSpan().IndexOfAny('.', 'E', 'e') >= 0 => AttrValue.Of(e.GetDouble()),
                JsonValueKind.Number => AttrValue.Of(ReadInt64(e, p.Name)),
                _ => ParseTyped(e),
            };
            list.Add(p.Name, value);
        }

        return list;
    }

    public static AttributeList ParseTypedList(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json, ReadOptions);
        return ParseTypedList(doc.RootElement);
    }

    /// <summary>Parses an OTLP/JSON attribute list; throws <see cref="FormatException"/> on a malformed value.</summary>
    public static AttributeList ParseTypedList(JsonElement array)
    {
        if (array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("attributes must be an array of {key, value}");
        }

        var list = new AttributeList(array.GetArrayLength());
        foreach (var kv in array.EnumerateArray())
        {
            if (kv.ValueKind != JsonValueKind.Object || !kv.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("attribute must be an object with a string 'key'");
            }

            var value = kv.TryGetProperty("value", out var v) ? ParseTyped(v) : AttrValue.Empty;
            list.Add(key.GetString()!, value);
        }

        return list;
    }

    /// <summary>Parses an OTLP/JSON <c>AnyValue</c> (camelCase or snake_case field names).</summary>
    public static AttrValue ParseTyped(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return AttrValue.Empty;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("attribute value must be an object such as {\"stringValue\": \"...\"}");
        }

        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null)
            {
                // The protobuf JSON mapping: null leaves a field unset, like leaving it out.
                continue;
            }

            switch (p.Name)
            {
                case "stringValue" or "string_value":
                    return p.Value.ValueKind == JsonValueKind.String ? AttrValue.Of(p.Value.GetString()!) : throw new FormatException("stringValue must be a string");
                case "boolValue" or "bool_value":
                    return p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? AttrValue.Of(p.Value.GetBoolean()) : throw new FormatException("boolValue must be a boolean");
                case "intValue" or "int_value":
                    return AttrValue.Of(ReadInt64(p.Value, "intValue"));
                case "doubleValue" or "double_value":
                    return AttrValue.Of(ReadDouble(p.Value, "doubleValue"));
                case "bytesValue" or "bytes_value":
                    return p.Value.ValueKind == JsonValueKind.String && p.Value.TryGetBytesFromBase64(out var bytes) ? AttrValue.OfBytes(bytes) : throw new FormatException("bytesValue must be base64");
                case "arrayValue" or "array_value":
                    {
                        var items = new List<AttrValue>();
                        if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var item in values.EnumerateArray())
                            {
                                items.Add(ParseTyped(item));
                            }
                        }

                        return AttrValue.Of(items);
                    }

                case "kvlistValue" or "kvlist_value":
                    {
                        var kvs = p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("values", out var values) ? ParseTypedList(values) : [];
                        return AttrValue.Of((IReadOnlyList<KeyValuePair<string, AttrValue>>)kvs);
                    }

                default:
                    break;
            }
        }

        return AttrValue.Empty;
    }

    public static long ReadInt64(JsonElement e, string field)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n))
        {
            return n;
        }

        if (e.ValueKind == JsonValueKind.String && long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
        {
            return s;
        }

        if (TryParseIntegral(e, out var big) && big >= long.MinValue && big <= long.MaxValue)
        {
            return (long)big;
        }

        throw new FormatException($"{field} must be a 64-bit integer (number or decimal string)");
    }

    public static ulong ReadUInt64(JsonElement e, string field)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out var n))
        {
            return n;
        }

        if (e.ValueKind == JsonValueKind.String && ulong.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
        {
            return s;
        }

        if (TryParseIntegral(e, out var big) && big >= ulong.MinValue && big <= ulong.MaxValue)
        {
            return (ulong)big;
        }

        throw new FormatException($"{field} must be an unsigned 64-bit integer (number or decimal string)");
    }

    /// <summary>
    /// The other spellings of an integer the protobuf JSON mapping accepts for 64-bit fields, quoted or not: exponent
    /// notation and a fraction of zeros (<c>1e2</c>, <c>1.7e+18</c>, <c>"1000.0"</c>). False for anything else,
    /// including a non-zero fraction (<c>1.5</c>, <c>1e-1</c>) and values beyond 20 digits. Only reached when the plain
    /// integer forms fail.
    /// </summary>
    private static bool TryParseIntegral(JsonElement e, out BigInteger value)
    {
        value = BigInteger.Zero;
        var text = e.ValueKind switch
        {
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.String => e.GetString()!,
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan();
        var negative = span.StartsWith('-');
        if (negative)
        {
            span = span[1..];
        }

        var exponent = 0;
        var e10 = span.IndexOfAny('e', 'E');
        if (e10 >= 0)
        {
            if (!int.TryParse(span[(e10 + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }

            span = span[..e10];
        }

        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var fraction = dot < 0 ? [] : span[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty) || whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        // value = digits * 10^scale; integral when the digits a negative scale drops are all zero.
        var digits = string.Concat(whole, fraction).TrimStart('0');
        var scale = (long)exponent - fraction.Length;
        if (digits.Length == 0)
        {
            return true;
        }

        if (scale < 0)
        {
            if (-scale >= digits.Length || digits.AsSpan(digits.Length + (int)scale).ContainsAnyExcept('0'))
            {
                return false;
            }

            digits = digits[..(digits.Length + (int)scale)];
            scale = 0;
        }

        if (digits.Length + scale > 20)
        {
            return false;
        }

        value = BigInteger.Parse(digits, CultureInfo.InvariantCulture) * BigInteger.Pow(10, (int)scale);
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    public static double ReadDouble(JsonElement e, string field)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            return e.GetDouble();
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            var s = e.GetString();
            switch (s)
            {
                case "NaN":
                    return double.NaN;
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
                default:
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    {
                        return d;
                    }

                    break;
            }
        }

        throw new FormatException($"{field} must be a number");
    }

    /// <summary>Native JSON for a value: strings, numbers, booleans, arrays and objects as they are.</summary>
    public static string ToPlainJson(AttrValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WritePlain(w, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WritePlain(Utf8JsonWriter w, AttrValue v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(v);
        switch (v.Kind)
        {
            case AttrKind.String:
                w.WriteStringValue(v.StringValue);
                break;
            case AttrKind.Bool:
                w.WriteBooleanValue(v.BoolValue);
                break;
            case AttrKind.Int:
                w.WriteNumberValue(v.IntValue);
                break;
            case AttrKind.Double when double.IsFinite(v.DoubleValue):
                w.WriteNumberValue(v.DoubleValue);
                break;
            case AttrKind.Double:
                w.WriteStringValue(v.DoubleValue.ToString(CultureInfo.InvariantCulture));
                break;
            case AttrKind.Bytes:
                w.WriteBase64StringValue(v.BytesValue);
                break;
            case AttrKind.Array:
                w.WriteStartArray();
                foreach (var item in v.ArrayValue!)
                {
                    WritePlain(w, item);
                }

                w.WriteEndArray();
                break;
            case AttrKind.KvList:
                w.WriteStartObject();
                foreach (var kv in v.KvListValue!)
                {
                    w.WritePropertyName(kv.Key);
                    WritePlain(w, kv.Value);
                }

                w.WriteEndObject();
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }
}
