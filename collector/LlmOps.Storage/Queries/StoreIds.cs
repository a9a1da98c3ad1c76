namespace LlmOps.Storage.Queries;

/// <summary>Shape checks for ids that reach SQL from clients.</summary>
internal static class StoreIds
{
    /// <summary>32 lowercase hex characters, as the receivers store trace ids.</summary>
    public static bool IsTraceId(string? value) => value is { Length: 32 } && IsLowerHex(value);

    public static bool IsSpanId(string? value) => value is { Length: 16 } && IsLowerHex(value);

    /// <summary>
    /// The last path segment of a request target as sent (<c>RawTarget</c>: path and query), percent-decoded exactly.
    /// ASP.NET Core leaves <c>%2F</c> encoded in the decoded path, so an id holding <c>/</c> arrives in a route value as
    /// <c>%2F</c>, the same as an id holding the text <c>%2F</c> (sent as <c>%252F</c>); the raw target tells them apart.
    /// </summary>
    public static string LastPathSegment(string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        var end = rawTarget.IndexOfAny(['?', '#']);
        var path = end < 0 ? rawTarget : rawTarget[..end];
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    private static bool IsLowerHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
