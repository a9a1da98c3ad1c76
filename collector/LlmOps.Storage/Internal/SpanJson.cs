using System.Globalization;
using System.Text.Json;
using LlmOps.Processors.Model;

namespace LlmOps.Storage.Internal;

/// <summary>
/// The JSON columns of a stored span, in OTLP/JSON's shape with typed attributes (so every value keeps its type), and
/// their parsers. Null means "nothing to store" (an empty list), which keeps rows small. SQLite keeps span and scope
/// attributes as a compact object instead (<see cref="CompactAttributesUtf8"/>); the parser reads both forms.
/// </summary>
internal static class SpanJson
{
    public static string? Attributes(JsonScratch scratch, AttributeList attributes) => Text(AttributesUtf8(scratch, attributes));

    public static string? Events(JsonScratch scratch, List<SpanEvent> events) => Text(EventsUtf8(scratch, events));

    public static string? Links(JsonScratch scratch, List<SpanLink> links) => Text(LinksUtf8(scratch, links));

    public static string? Documents(JsonScratch scratch, IReadOnlyList<RetrievedDocument> documents) => Text(DocumentsUtf8(scratch, documents));

    public static string? Guardrails(JsonScratch scratch, List<GuardrailFlag> flags) => Text(GuardrailsUtf8(scratch, flags));

    public static string? Strings(JsonScratch scratch, IReadOnlyList<string> values) => Text(StringsUtf8(scratch, values));

    private static string? Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(utf8);

    public static ReadOnlySpan<byte> AttributesUtf8(JsonScratch scratch, AttributeList attributes) =>
        attributes.Count == 0 ? default : scratch.WriteUtf8(attributes, static (w, a) => AttrJson.WriteTypedList(w, a));

    /// <summary>Attributes as one compact JSON object (<see cref="AttrJson.WriteCompactObject"/>), as the SQLite store keeps span attributes.</summary>
    public static ReadOnlySpan<byte> CompactAttributesUtf8(JsonScratch scratch, AttributeList attributes) =>
        attributes.Count == 0 ? default : scratch.WriteUtf8(attributes, static (w, a) => AttrJson.WriteCompactObject(w, a));

    public static ReadOnlySpan<byte> EventsUtf8(JsonScratch scratch, List<SpanEvent> events) =>
        events.Count == 0 ? default : scratch.WriteUtf8(events, static (w, list) =>
        {
            w.WriteStartArray();
            foreach (var e in list)
            {
                w.WriteStartObject();
                w.WriteString("timeUnixNano", e.TimeUnixNano.ToString(CultureInfo.InvariantCulture));
                w.WriteString("name", e.Name);
                w.WritePropertyName("attributes");
                AttrJson.WriteTypedList(w, e.Attributes);
                if (e.DroppedAttributesCount != 0)
                {
                    w.WriteNumber("droppedAttributesCount", e.DroppedAttributesCount);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    public static ReadOnlySpan<byte> LinksUtf8(JsonScratch scratch, List<SpanLink> links) =>
        links.Count == 0 ? default : scratch.WriteUtf8(links, static (w, list) =>
        {
            w.WriteStartArray();
            foreach (var l in list)
            {
                w.WriteStartObject();
                w.WriteString("traceId", l.TraceId);
                w.WriteString("spanId", l.SpanId);
                if (l.TraceState.Length > 0)
                {
                    w.WriteString("traceState", l.TraceState);
                }

                if (l.Flags != 0)
                {
                    w.WriteNumber("flags", l.Flags);
                }

                w.WritePropertyName("attributes");
                AttrJson.WriteTypedList(w, l.Attributes);
                if (l.DroppedAttributesCount != 0)
                {
                    w.WriteNumber("droppedAttributesCount", l.DroppedAttributesCount);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    public static ReadOnlySpan<byte> DocumentsUtf8(JsonScratch scratch, IReadOnlyList<RetrievedDocument> documents) =>
        documents.Count == 0 ? default : scratch.WriteUtf8(documents, static (w, list) =>
        {
            w.WriteStartArray();
            foreach (var d in list)
            {
                WriteDocument(w, d);
            }

            w.WriteEndArray();
        });

    public static void WriteDocument(Utf8JsonWriter w, RetrievedDocument d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        w.WriteStartObject();
        if (d.Id is null)
        {
            w.WriteNull("id");
        }
        else
        {
            w.WriteString("id", d.Id);
        }

        if (d.Score is { } score && double.IsFinite(score))
        {
            w.WriteNumber("score", score);
        }
        else
        {
            w.WriteNull("score");
        }

        if (d.Content is null)
        {
            w.WriteNull("content");
        }
        else
        {
            w.WriteString("content", d.Content);
        }

        w.WriteEndObject();
    }

    public static ReadOnlySpan<byte> GuardrailsUtf8(JsonScratch scratch, List<GuardrailFlag> flags) =>
        flags.Count == 0 ? default : scratch.WriteUtf8(flags, static (w, list) =>
        {
            w.WriteStartArray();
            foreach (var f in list)
            {
                WriteGuardrail(w, f);
            }

            w.WriteEndArray();
        });

    public static void WriteGuardrail(Utf8JsonWriter w, GuardrailFlag f)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(f);
        w.WriteStartObject();
        w.WriteString("rule", f.Rule);
        w.WriteString("reason", f.Reason);
        w.WriteString("severity", f.Severity);
        if (f.Queue is null)
        {
            w.WriteNull("queue");
        }
        else
        {
            w.WriteString("queue", f.Queue);
        }

        w.WriteEndObject();
    }

    public static ReadOnlySpan<byte> StringsUtf8(JsonScratch scratch, IReadOnlyList<string> values) =>
        values.Count == 0 ? default : scratch.WriteUtf8(values, static (w, list) =>
        {
            w.WriteStartArray();
            foreach (var s in list)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        });

    /// <summary>Stored attributes in either form: the typed list or the compact object.</summary>
    public static AttributeList ParseAttributes(string? json) => json is null ? [] : AttrJson.ParseAttributes(json);

    public static List<SpanEvent> ParseEvents(string? json)
    {
        var list = new List<SpanEvent>();
        if (json is null)
        {
            return list;
        }

        using var doc = JsonDocument.Parse(json, AttrJson.ReadOptions);
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            list.Add(new SpanEvent
            {
                TimeUnixNano = AttrJson.ReadInt64(e.GetProperty("timeUnixNano"), "timeUnixNano"),
                Name = e.GetProperty("name").GetString() ?? string.Empty,
                Attributes = e.TryGetProperty("attributes", out var a) ? AttrJson.ParseTypedList(a) : [],
                DroppedAttributesCount = e.TryGetProperty("droppedAttributesCount", out var d) ? d.GetUInt32() : 0,
            });
        }

        return list;
    }

    public static List<SpanLink> ParseLinks(string? json)
    {
        var list = new List<SpanLink>();
        if (json is null)
        {
            return list;
        }

        using var doc = JsonDocument.Parse(json, AttrJson.ReadOptions);
        foreach (var l in doc.RootElement.EnumerateArray())
        {
            list.Add(new SpanLink
            {
                TraceId = l.GetProperty("traceId").GetString() ?? string.Empty,
                SpanId = l.GetProperty("spanId").GetString() ?? string.Empty,
                TraceState = l.TryGetProperty("traceState", out var ts) ? ts.GetString() ?? string.Empty : string.Empty,
                Flags = l.TryGetProperty("flags", out var f) ? f.GetUInt32() : 0,
                Attributes = l.TryGetProperty("attributes", out var a) ? AttrJson.ParseTypedList(a) : [],
                DroppedAttributesCount = l.TryGetProperty("droppedAttributesCount", out var d) ? d.GetUInt32() : 0,
            });
        }

        return list;
    }

    public static List<RetrievedDocument> ParseDocuments(string? json)
    {
        var list = new List<RetrievedDocument>();
        if (json is null)
        {
            return list;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var d in doc.RootElement.EnumerateArray())
        {
            list.Add(new RetrievedDocument(
                StringOrNull(d, "id"),
                d.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null,
                StringOrNull(d, "content")));
        }

        return list;
    }

    public static List<GuardrailFlag> ParseGuardrails(string? json)
    {
        var list = new List<GuardrailFlag>();
        if (json is null)
        {
            return list;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var f in doc.RootElement.EnumerateArray())
        {
            list.Add(new GuardrailFlag(
                StringOrNull(f, "rule") ?? string.Empty,
                StringOrNull(f, "reason") ?? string.Empty,
                StringOrNull(f, "severity") ?? string.Empty,
                StringOrNull(f, "queue")));
        }

        return list;
    }

    public static List<string> ParseStrings(string? json)
    {
        var list = new List<string>();
        if (json is null)
        {
            return list;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var s in doc.RootElement.EnumerateArray())
        {
            list.Add(s.GetString() ?? string.Empty);
        }

        return list;
    }

    private static string? StringOrNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
