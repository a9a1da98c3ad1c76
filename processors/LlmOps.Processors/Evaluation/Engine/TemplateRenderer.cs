using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Fills <c>{{name}}</c> placeholders; unknown names are left as they are so a typo stays visible.</summary>
internal static partial class TemplateRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v ?? string.Empty : m.Value);
    }

    /// <summary>The distinct variable names a template uses, in order of first use.</summary>
    public static IReadOnlyList<string> Variables(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var seen = new List<string>();
        foreach (Match m in Placeholder().Matches(template))
        {
            if (!seen.Contains(m.Groups[1].Value, StringComparer.Ordinal))
            {
                seen.Add(m.Groups[1].Value);
            }
        }

        return seen;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    internal static string? Truncate(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        return new StringBuilder(text, 0, max, max + 16).Append(" [truncated]").ToString();
    }
}
