using System.Text;

namespace LlmOps.Storage.Internal;

/// <summary>
/// Turns a user's search text into words (runs of letters and digits) and into an FTS5 query that requires all of
/// them; no FTS5 operator a user types is ever interpreted.
/// </summary>
internal static class SearchText
{
    /// <summary>Most words a search may have; the query API refuses more (each is a term lookup in the index).</summary>
    public const int MaxWords = 16;

    public static List<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }

    /// <summary><c>"word1" "word2"</c>: each word a quoted FTS5 string, all required.</summary>
    public static string ToFts5(IReadOnlyList<string> words)
    {
        var sb = new StringBuilder();
        foreach (var w in words)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append('"').Append(w.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return sb.ToString();
    }

    /// <summary>A LIKE pattern (with <c>\</c> as escape) for the fallback when FTS5 is missing.</summary>
    public static string ToLike(string word) =>
        "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
