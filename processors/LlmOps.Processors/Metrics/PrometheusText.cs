using System.Globalization;
using System.Text;

namespace LlmOps.Processors.Metrics;

/// <summary>Rules of the Prometheus text exposition format 0.0.4: names, escaping and number spelling.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidMetricName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with the reserved <c>__</c>.</summary>
    public static bool IsValidLabelName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Turns any text (an OTLP metric or attribute name) into a valid name: other characters become '_'.</summary>
    public static string Sanitize(string text, bool allowColon = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return "_";
        }

        var sb = new StringBuilder(text.Length + 1);
        if (text[0] is >= '0' and <= '9')
        {
            sb.Append('_');
        }

        var lastUnderscore = false;
        foreach (var c in text)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            var ch = ok ? c : '_';
            if (ch == '_' && lastUnderscore)
            {
                continue;
            }

            lastUnderscore = ch == '_';
            sb.Append(ch);
        }

        var result = sb.ToString();
        return result.StartsWith("__", StringComparison.Ordinal) ? "x" + result : result;
    }

    /// <summary>Label values: backslash, double quote and line feed are escaped.</summary>
    public static void AppendEscapedLabelValue(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
    }

    /// <summary>HELP text: backslash and line feed are escaped.</summary>
    public static string EscapeHelp(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        return help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>Go's float spelling as Prometheus parses it: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, shortest round-trip otherwise.</summary>
    public static void AppendDouble(StringBuilder sb, double value)
    {
        if (double.IsNaN(value))
        {
            sb.Append("NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            sb.Append("+Inf");
        }
        else if (double.IsNegativeInfinity(value))
        {
            sb.Append("-Inf");
        }
        else
        {
            Span<char> buffer = stackalloc char[32];
            if (value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
            {
                sb.Append(buffer[..written]);
            }
            else
            {
                sb.Append(value.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    public static string FormatDouble(double value)
    {
        var sb = new StringBuilder(24);
        AppendDouble(sb, value);
        return sb.ToString();
    }

    /// <summary><c>{a="x",b="y"}</c> (empty string when there are no labels), values escaped.</summary>
    public static string RenderLabels(IReadOnlyList<string> names, IReadOnlyList<string> values)
    {
        if (names.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder(16 * names.Count);
        sb.Append('{');
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(names[i]).Append("=\"");
            AppendEscapedLabelValue(sb, values[i]);
            sb.Append('"');
        }

        sb.Append('}');
        return sb.ToString();
    }
}
