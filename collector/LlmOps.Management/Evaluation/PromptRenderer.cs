using System.Text.RegularExpressions;

namespace LlmOps.Management.Evaluation;

/// <summary>Fills <c>{{variable}}</c> placeholders; unknown variables become empty.</summary>
internal static partial class PromptRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v ?? string.Empty : string.Empty);
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
