namespace LlmOps.Collector.Otlp;

/// <summary>Proto enum names tolerated in OTLP/JSON where numbers are expected.</summary>
internal static class EnumNames
{
    private static readonly string[] SpanKinds = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
    private static readonly string[] StatusCodes = ["UNSET", "OK", "ERROR"];
    private static readonly string[] Temporalities = ["UNSPECIFIED", "DELTA", "CUMULATIVE"];
    private static readonly string[] Severities =
    [
        "UNSPECIFIED", "TRACE", "TRACE2", "TRACE3", "TRACE4", "DEBUG", "DEBUG2", "DEBUG3", "DEBUG4",
        "INFO", "INFO2", "INFO3", "INFO4", "WARN", "WARN2", "WARN3", "WARN4",
        "ERROR", "ERROR2", "ERROR3", "ERROR4", "FATAL", "FATAL2", "FATAL3", "FATAL4",
    ];

    /// <summary>The number of <paramref name="name"/> (e.g. <c>SPAN_KIND_SERVER</c> with prefix <c>SPAN_KIND_</c>), or -1.</summary>
    public static int IndexOf(string prefix, string name)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return -1;
        }

        var table = prefix switch
        {
            "SPAN_KIND_" => SpanKinds,
            "STATUS_CODE_" => StatusCodes,
            "AGGREGATION_TEMPORALITY_" => Temporalities,
            "SEVERITY_NUMBER_" => Severities,
            _ => [],
        };
        return System.Array.IndexOf(table, name[prefix.Length..]);
    }
}
