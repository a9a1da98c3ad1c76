using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LlmOps.Management.Api;

/// <summary>Reads bodies, ids and query values so every malformed input gets a 400 with a message.</summary>
internal static partial class RequestReader
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
            throw ApiProblemException.BadRequest($"the body is not valid JSON for this request{JsonError(e)}");
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
            throw ApiProblemException.BadRequest($"the body is not valid JSON{JsonError(e)}");
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

    /// <summary>
    /// A JSON error in the client's terms, to follow the words that say what was being read: <c>" at {path}: {what}"</c>,
    /// or <c>": {what}"</c> where the path is unknown. No .NET type names or reader internals: "The JSON value could not
    /// be converted to System.Nullable`1[System.Int32]. Path: $.topK | LineNumber: 0 | BytePositionInLine: 11." reads
    /// " at $.topK: must be a whole number"; a syntax error keeps the reader's words with its line and byte
    /// (": 'N' is an invalid start of a value (line 1, byte 24)").
    /// </summary>
    public static string JsonError(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var where = string.IsNullOrEmpty(e.Path) ? string.Empty : $" at {e.Path}";
        var message = FirstLine(e.Message);
        if (ConvertedTo().Match(message) is { Success: true } converted)
        {
            return $"{where}: {Expected(converted.Groups["type"].Value, e.Path is null or "$")}";
        }

        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            return $"{where}: unknown field '{unmapped.Groups["name"].Value}'";
        }

        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).TrimEnd().TrimEnd('.');
        var position = e.LineNumber is { } line && e.BytePositionInLine is { } b ? $" (line {line + 1}, byte {b + 1})" : string.Empty;
        return $"{where}: {text}{position}";
    }

    /// <summary>What a value of the .NET type named in a converter error must be, in JSON terms.</summary>
    private static string Expected(string type, bool wholeBody)
    {
        const string Nullable = "System.Nullable`1[";
        var t = type.StartsWith(Nullable, StringComparison.Ordinal) && type.EndsWith(']') ? type[Nullable.Length..^1] : type;
        return t switch
        {
            "System.Byte" or "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" => "must be a whole number",
            "System.Single" or "System.Double" or "System.Decimal" => "must be a number",
            "System.Boolean" => "must be true or false",
            "System.String" => "must be a string",
            "System.DateTime" or "System.DateTimeOffset" => "must be an RFC 3339 time",
            _ when t.EndsWith("[]", StringComparison.Ordinal) || ListType().IsMatch(t) => "must be a list",
            _ when DictionaryType().IsMatch(t) => "must be an object",
            // A request type is an object; inside a record read through its constructor, the error names the record
            // (with the member's path), so only "the wrong type" is certain.
            _ => wholeBody ? "must be a JSON object" : "has a value of the wrong type",
        };
    }

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? message : message[..i].TrimEnd();
    }

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+?)\.(?: |$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"^System\.Collections\.Generic\.(?:List|IList|IReadOnlyList|ICollection|IReadOnlyCollection|IEnumerable|HashSet)`1\[")]
    private static partial Regex ListType();

    [GeneratedRegex(@"^System\.Collections\.Generic\.(?:Dictionary|IDictionary|IReadOnlyDictionary)`2\[")]
    private static partial Regex DictionaryType();
}
