namespace LlmOps.Storage.Queries;

/// <summary>Shape checks for ids that reach SQL from clients.</summary>
internal static class StoreIds
{
    /// <summary>32 lowercase hex characters, as the receivers store trace ids.</summary>
    public static bool IsTraceId(string? value) => value is { Length: 32 } && IsLowerHex(value);

    public static bool IsSpanId(string? value) => value is { Length: 16 } && IsLowerHex(value);

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
