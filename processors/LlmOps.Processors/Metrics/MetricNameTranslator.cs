namespace LlmOps.Processors.Metrics;

/// <summary>
/// OpenTelemetry instrument names to Prometheus names, following the OpenTelemetry "Prometheus and OpenMetrics
/// Compatibility" rules (and the unit table of the OpenTelemetry Collector's Prometheus translator): characters outside
/// <c>[a-zA-Z0-9_:]</c> become '_' (runs of '_' collapse to one), the unit becomes a suffix unless a name token
/// already is that unit (<c>s</c> → <c>_seconds</c>, <c>ms</c> → <c>_milliseconds</c>, <c>By</c> → <c>_bytes</c>,
/// <c>KBy</c> → <c>_kilobytes</c>, <c>Cel</c> → <c>_celsius</c>, <c>m/s</c> → <c>_meters_per_second</c>,
/// <c>1/s</c> and <c>{request}/s</c> → <c>_per_second</c>, <c>1</c> → <c>_ratio</c> except for counters; annotations
/// in braces are dropped, and so is a unit that cannot be spelt in a metric name, rather than a mangled one),
/// counters end in <c>_total</c>.
/// </summary>
internal static class MetricNameTranslator
{
    /// <summary>UCUM units and their Prometheus words; "1" has none (a count, or a ratio for gauges).</summary>
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["\u00b5s"] = "microseconds", // micro sign, not UCUM but common
        ["\u03bcs"] = "microseconds", // Greek mu
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
        ["1"] = string.Empty,
    };

    /// <summary>The denominator of <c>x/y</c> units, singular: <c>_per_second</c>.</summary>
    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["min"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    public static string Translate(string prefix, string name, string? unit, bool isCounter)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(name);
        var baseName = PrometheusText.Sanitize(name);
        if (prefix.Length > 0)
        {
            // After a prefix a leading digit is valid: no '_' in front of it (llmops_otlp_9lives, not llmops_otlp__9lives).
            baseName = baseName.TrimStart('_');
            if (baseName.StartsWith(prefix, StringComparison.Ordinal))
            {
                baseName = baseName[prefix.Length..];
            }
        }

        var full = prefix + baseName;
        if (full.EndsWith("_total", StringComparison.Ordinal))
        {
            full = full[..^"_total".Length];
        }

        var tokens = full.Split('_');
        var (main, per) = UnitWords(unit);
        if (main.Length > 0 && !tokens.Contains(main, StringComparer.Ordinal))
        {
            full += "_" + main;
        }

        if (per.Length > 0 && !tokens.Contains(per, StringComparer.Ordinal))
        {
            full += "_per_" + per;
        }

        if (isCounter)
        {
            full += "_total";
        }
        else
        {
            if (string.Equals(unit?.Trim(), "1", StringComparison.Ordinal) && !tokens.Contains("ratio", StringComparer.Ordinal))
            {
                full += "_ratio";
            }

            if (full.EndsWith("_bucket", StringComparison.Ordinal) || full.EndsWith("_sum", StringComparison.Ordinal) || full.EndsWith("_count", StringComparison.Ordinal))
            {
                full += "_value";
            }
        }

        return full;
    }

    /// <summary>The unit's words: <c>m/s</c> → (meters, second); either is empty when there is none.</summary>
    private static (string Main, string Per) UnitWords(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return (string.Empty, string.Empty);
        }

        var slash = unit.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? (Word(unit, Units), string.Empty)
            : (Word(unit[..slash], Units), Word(unit[(slash + 1)..], PerUnits));
    }

    /// <summary>
    /// One side of a unit in words: annotations in braces dropped, known units from <paramref name="known"/>, other
    /// ASCII units sanitised; a unit with other characters (e.g. <c>°F</c>) gives none rather than a misleading one.
    /// </summary>
    private static string Word(string part, Dictionary<string, string> known)
    {
        var u = part.Trim();
        var brace = u.IndexOf('{', StringComparison.Ordinal);
        while (brace >= 0)
        {
            var close = u.IndexOf('}', brace);
            u = (u[..brace] + (close >= 0 ? u[(close + 1)..] : string.Empty)).Trim();
            brace = u.IndexOf('{', StringComparison.Ordinal);
        }

        if (u.Length == 0)
        {
            return string.Empty;
        }

        if (known.TryGetValue(u, out var word) || Units.TryGetValue(u, out word))
        {
            return word;
        }

        foreach (var c in u)
        {
            if (c > 0x7f)
            {
                return string.Empty;
            }
        }

        return PrometheusText.Sanitize(u).Trim('_');
    }
}
