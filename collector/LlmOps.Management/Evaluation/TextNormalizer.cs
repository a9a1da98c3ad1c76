using System.Text;

namespace LlmOps.Management.Evaluation;

/// <summary>Lower-case, punctuation removed, articles dropped, whitespace collapsed (the usual QA answer normalisation).</summary>
internal static class TextNormalizer
{
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an", "the" };

    public static IReadOnlyList<string> Tokens(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !Articles.Contains(t)).ToList();
    }

    public static string Normalize(string? text) => string.Join(' ', Tokens(text));
}
