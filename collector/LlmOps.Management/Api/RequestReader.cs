using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LlmOps.Management.Api;

/// <summary>Reads bodies, ids and query values so every malformed input gets a 400 with a message.</summary>
internal static class RequestReader
{
    /// <summary>
    /// The API's JSON: web naming, unknown members refused, and numbers only as JSON numbers (the web defaults would
    /// also read <c>"10"</c> as 10, unlike every other wrong type).
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>What a JSON body must be sent as (named in the 415 answer).</summary>
    public const string JsonBodyTypes = "application/json or another application/*+json type (optionally with charset=utf-8)";

    /// <summary>Whether <paramref name="contentType"/> is <c>application/json</c> or <c>application/*+json</c>, with no charset but UTF-8.</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
        && (parsed.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || parsed.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A 415 unless a POST, PUT or PATCH that carries a body or a <c>Content-Type</c> sends JSON or one of
    /// <paramref name="otherTypes"/> (media types, parameters ignored). Form and text bodies are what a page on any site
    /// may send without a CORS preflight, so refusing them keeps other sites from changing data; a call without body
    /// and type (e.g. <c>POST …/unmute</c>) passes. Checked once, by <see cref="ApiKeyEndpointFilter"/> for every
    /// endpoint of the API group, before any body is read.
    /// </summary>
    public static ApiProblemException? BodyTypeProblem(HttpRequest request, IReadOnlyList<string> otherTypes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(otherTypes);
        if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)))
        {
            return null;
        }

        var type = request.ContentType;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (string.IsNullOrEmpty(type) ? !hasBody : IsJson(type) || otherTypes.Any(t => MediaTypeHeaderValue.TryParse(type, out var m) && m.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var accepted = otherTypes.Count == 0 ? JsonBodyTypes : string.Join(", ", otherTypes) + " or " + JsonBodyTypes;
        return new ApiProblemException(
            StatusCodes.Status415UnsupportedMediaType,
            $"the request body must be sent as {accepted}; got {(string.IsNullOrEmpty(type) ? "no Content-Type" : $"Content-Type '{Truncate(type)}'")}");
    }

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

    /// <summary>
    /// An RFC 3339 / ISO-8601 time: <c>2026-01-31T12:00:00Z</c>, with an offset (<c>+02:00</c>), fractional seconds,
    /// or none (UTC); or a date (<c>2026-01-31</c>, midnight UTC). Anything else (<c>01/02/2026</c>, month names) is a 400.
    /// </summary>
    public static DateTimeOffset? QueryTime(HttpContext context, string name)
    {
        var raw = QueryString(context, name);
        if (raw is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(raw, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return t;
        }

        throw ApiProblemException.BadRequest($"query parameter '{name}' must be an RFC 3339 / ISO-8601 time such as 2026-01-31T12:00:00Z (or a date, 2026-01-31), got '{Truncate(raw)}'");
    }

    /// <summary><c>from</c> and <c>to</c> (<see cref="QueryTime"/>); 400 when <c>from</c> is later than <c>to</c>.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) QueryTimeRange(HttpContext context)
    {
        var from = QueryTime(context, "from");
        var to = QueryTime(context, "to");
        if (from > to)
        {
            throw ApiProblemException.BadRequest($"query parameter 'from' ({from:O}) must not be later than 'to' ({to:O})");
        }

        return (from, to);
    }

    public static string Truncate(string value, int max = 64)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= max ? value : value[..max] + "...";
    }

    private static readonly string[] TimeFormats =
    [
        "yyyy'-'MM'-'dd",
        "yyyy'-'MM'-'dd'T'HH':'mmK",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ssK",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFFK",
    ];

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? message : message[..i].TrimEnd();
    }
}
