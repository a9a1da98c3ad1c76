using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Api;

/// <summary>Reads bodies, ids and query values so every malformed input gets a 400 with a message.</summary>
internal static class RequestReader
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static async Task<T> BodyAsync<T>(HttpContext context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength is 0)
        {
            throw ApiProblemException.BadRequest("a JSON body is required");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted).ConfigureAwait(false);
            return value ?? throw ApiProblemException.BadRequest("a JSON object body is required (got null)");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? string.Empty : $" at {e.Path}";
            throw ApiProblemException.BadRequest($"the body is not valid JSON for this request{where}: {FirstLine(e.Message)}");
        }
    }

    public static async Task<JsonElement> BodyElementAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiProblemException.BadRequest($"the body is not valid JSON: {FirstLine(e.Message)}");
        }
    }

    public static async Task<string> BodyTextAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static long Id(string raw, string what = "id")
    {
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        throw ApiProblemException.BadRequest($"'{Truncate(raw)}' is not a valid {what} (a positive integer)");
    }

    public static long? QueryLong(HttpContext context, string name, long min = long.MinValue, long max = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw ApiProblemException.BadRequest($"query parameter '{name}' must be an integer in [{min}, {max}], got '{Truncate(raw)}'");
        }

        return v;
    }

    public static int Limit(HttpContext context, int defaultLimit = 50, int max = 500) =>
        (int)(QueryLong(context, "limit", 1, max) ?? defaultLimit);

    public static string? QueryString(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Request.Query[name].ToString();
        return raw.Length == 0 ? null : raw;
    }

    public static DateTimeOffset? QueryTime(HttpContext context, string name)
    {
        var raw = QueryString(context, name);
        if (raw is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return t;
        }

        throw ApiProblemException.BadRequest($"query parameter '{name}' must be an ISO-8601 time, got '{Truncate(raw)}'");
    }

    public static string Truncate(string value, int max = 64)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= max ? value : value[..max] + "...";
    }

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? message : message[..i].TrimEnd();
    }
}
