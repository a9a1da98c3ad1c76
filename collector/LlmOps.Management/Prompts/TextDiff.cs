using System.Text;

namespace LlmOps.Management.Prompts;

/// <summary>A line diff (longest common subsequence): unchanged lines start with two spaces, removed with <c>- </c>, added with <c>+ </c>.</summary>
internal static class TextDiff
{
    private const int MaxLines = 3000;

    public static string Lines(string? before, string? after)
    {
        var a = Split(before);
        var b = Split(after);
        if (a.Length > MaxLines || b.Length > MaxLines)
        {
            return $"- ({a.Length} lines)\n+ ({b.Length} lines)\n";
        }

        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var sb = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                sb.Append("  ").Append(a[x]).Append('\n');
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                sb.Append("- ").Append(a[x++]).Append('\n');
            }
            else
            {
                sb.Append("+ ").Append(b[y++]).Append('\n');
            }
        }

        while (x < a.Length)
        {
            sb.Append("- ").Append(a[x++]).Append('\n');
        }

        while (y < b.Length)
        {
            sb.Append("+ ").Append(b[y++]).Append('\n');
        }

        return sb.ToString();
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
