using System.Text.RegularExpressions;

namespace LlmOps.Management.Prompts;

/// <summary>Finds <c>{{variable}}</c> placeholders (letters, digits, <c>_</c>, <c>.</c>; spaces inside braces allowed).</summary>
internal static partial class PromptVariables
{
    public static IReadOnlyList<string> Detect(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var seen = new List<string>();
        foreach (Match m in Placeholder().Matches(template))
        {
            var name = m.Groups[1].Value;
            if (!seen.Contains(name, StringComparer.Ordinal))
            {
                seen.Add(name);
            }
        }

        return seen;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
