using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmOps.Management.Api;

/// <summary>
/// JSON text stored in columns (config, metadata, scores, audit details): compact, camelCase, and non-ASCII text kept as
/// written (the default encoder stored <c>données</c> as <c>donn\u00E9es</c>, which an audit search for the word never
/// found). Only quotes, backslashes and control characters are escaped; the text is data, never embedded in HTML
/// unencoded (the console encodes what it shows).
/// </summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string? json, T fallback)
    {
        if (string.IsNullOrEmpty(json))
        {
            return fallback;
        }

        return JsonSerializer.Deserialize<T>(json, Options) ?? fallback;
    }

    public static JsonElement Element(string? json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "{}" : json);
        return doc.RootElement.Clone();
    }
}
