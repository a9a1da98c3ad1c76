namespace LlmOps.Processors.Metrics;

/// <summary>
/// OpenTelemetry instrument names to Prometheus names, the way the OpenTelemetry Prometheus exporters do it:
/// invalid characters become '_', the unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>,
/// <c>1</c> → <c>_ratio</c> for gauges, annotations such as <c>{token}</c> are dropped), counters end in <c>_total</c>.
/// </summary>
internal static class MetricNameTranslator
{
    public static string Translate(string prefix, string name, string? unit, bool isCounter)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(name);
        var baseName = PrometheusText.Sanitize(name);
        if (prefix.Length > 0 && baseName.StartsWith(prefix, StringComparison.Ordinal))
        {
            baseName = baseName[prefix.Length..];
        }

        var full = prefix + baseName;
        if (full.EndsWith("_total", StringComparison.Ordinal))
        {
            full = full[..^"_total".Length];
        }

        var suffix = UnitSuffix(unit, isCounter);
        if (suffix.Length > 0 && !full.EndsWith(suffix, StringComparison.Ordinal))
        {
            full += suffix;
        }

        if (isCounter)
        {
            full += "_total";
        }
        else if (full.EndsWith("_bucket", StringComparison.Ordinal) || full.EndsWith("_sum", StringComparison.Ordinal) || full.EndsWith("_count", StringComparison.Ordinal))
        {
            full += "_value";
        }

        return full;
    }

    private static string UnitSuffix(string? unit, bool isCounter)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        // Annotations in braces carry no unit.
        var u = unit.Trim();
        var brace = u.IndexOf('{', StringComparison.Ordinal);
        if (brace >= 0)
        {
            var close = u.IndexOf('}', brace);
            u = (u[..brace] + (close >= 0 ? u[(close + 1)..] : string.Empty)).Trim();
        }

        return u switch
        {
            "" => string.Empty,
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "us" => "_microseconds",
            "ns" => "_nanoseconds",
            "min" => "_minutes",
            "h" => "_hours",
            "By" => "_bytes",
            "KiBy" => "_kibibytes",
            "MiBy" => "_mebibytes",
            "%" => "_percent",
            "1" => isCounter ? string.Empty : "_ratio",
            _ => "_" + PrometheusText.Sanitize(u.Replace("/", "_per_", StringComparison.Ordinal)).Trim('_'),
        };
    }
}
