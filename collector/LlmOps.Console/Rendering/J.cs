using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Ui.Rendering;

/// <summary>Null-tolerant reads of API JSON for the pages.</summary>
internal static class J
{
    /// <summary>JSON as text for the page: characters as they are (Razor HTML-encodes the page), not <c>\u0022</c> and <c>\u0026</c>.</summary>
    private static readonly JsonSerializerOptions Shown = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Str(JsonNode? node, string name) => node?[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var v => Json(v),
    };

    /// <summary>A value as JSON text to show (<see cref="Shown"/>), or null.</summary>
    public static string? Json(JsonNode? node) => node?.ToJsonString(Shown);

    public static double? Num(JsonNode? node, string name) => node?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? Number(v) : null;

    public static long Long(JsonNode? node, string name) => node?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (long)Number(v) : 0;

    /// <summary>Numbers parsed from JSON and numbers built in code (int, long, double values) alike.</summary>
    public static double Number(JsonValue v) =>
        v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static bool Bool(JsonNode? node, string name) => node?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static IEnumerable<JsonNode> Arr(JsonNode? node, string? name = null)
    {
        var target = name is null ? node : node?[name];
        return target is JsonArray a ? a.Where(x => x is not null).Select(x => x!) : [];
    }

    public static IEnumerable<KeyValuePair<string, JsonNode?>> Obj(JsonNode? node, string name) => node?[name] is JsonObject o ? o : [];

    /// <summary>
    /// An attribute of <paramref name="node"/>'s typed OTLP/JSON list (<c>attributes: [{key, value: {stringValue}}]</c>) as
    /// text: a string as it is, another value as its JSON; null when absent.
    /// </summary>
    public static string? Attr(JsonNode? node, string key) =>
        Arr(node, "attributes").FirstOrDefault(a => Str(a, "key") == key)?["value"] is JsonObject value && value.FirstOrDefault().Value is { } v
            ? v is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : Json(v)
            : null;

    /// <summary>Every span of a trace detail (<c>spans</c> and their <c>children</c>), parents before their children.</summary>
    public static IEnumerable<JsonNode> Spans(JsonNode? trace)
    {
        var pending = new Stack<JsonNode>(Arr(trace, "spans").Reverse());
        while (pending.TryPop(out var span))
        {
            yield return span;
            foreach (var child in Arr(span, "children").Reverse())
            {
                pending.Push(child);
            }
        }
    }

    /// <summary>An invariant-culture raw value for <c>data-value</c> attributes (what tests compare with the API).</summary>
    public static string Raw(JsonNode? node, string name) => node?[name] switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Number(v).ToString("R", CultureInfo.InvariantCulture),
        var v => Json(v)!,
    };
}
