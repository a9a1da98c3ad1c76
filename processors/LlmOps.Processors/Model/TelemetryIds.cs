namespace LlmOps.Processors.Model;

/// <summary>
/// Trace and span ids in the form the collector stores them: lowercase hex of 16 (trace) or 8 (span) bytes, not all
/// zero. Shared by OTLP/JSON ingest and the management API, which take ids as hex text.
/// </summary>
internal static class TelemetryIds
{
    public const int TraceIdBytes = 16;
    public const int SpanIdBytes = 8;

    /// <summary>
    /// Normalises a hex id: returns the lowercase hex when it has <paramref name="length"/> bytes and is not all zero,
    /// else null.
    /// </summary>
    public static string? FromHex(string? hex, int length)
    {
        if (hex is null || hex.Length != length * 2)
        {
            return null;
        }

        var allZero = true;
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }

            allZero &= c == '0';
        }

        return allZero ? null : hex.ToLowerInvariant();
    }
}
