using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>Tokenisers that reproduce sacreBLEU's <c>none</c>, <c>13a</c>, <c>intl</c> and <c>char</c> output.</summary>
internal static partial class SacreBleuTokenizer
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    public static string[] Tokenize(string text, BleuTokenization tokenization)
    {
        ArgumentNullException.ThrowIfNull(text);
        return tokenization switch
        {
            BleuTokenization.None => Split(text),
            BleuTokenization.Mteval13a => Split(Mteval13a(text)),
            BleuTokenization.International => Split(International(text)),
            BleuTokenization.Character => Characters(text),
            _ => throw new ArgumentOutOfRangeException(nameof(tokenization), tokenization, "unknown tokenisation"),
        };
    }

    private static string[] Split(string text) => text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);

    private static string Mteval13a(string line)
    {
        line = line.Replace("<skipped>", string.Empty, StringComparison.Ordinal)
            .Replace("-\n", string.Empty, StringComparison.Ordinal)
            .Replace('\n', ' ');
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }

        // The four mteval-v13a substitutions, applied in order as single left-to-right passes with the same
        // leftmost, non-overlapping semantics as the reference regular expressions (equivalent to, and several
        // times faster than, running them through Regex.Replace).
        var sb = new StringBuilder((line.Length * 2) + 2);
        sb.Append(' ');
        foreach (var c in line)
        {
            if (IsPunctuation13a(c))
            {
                sb.Append(' ').Append(c).Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append(' ');
        var pass = sb.ToString();
        pass = PairPass(pass, static (a, b) => !char.IsAsciiDigit(a) && b is '.' or ',', PairLayout.SplitSecond);
        pass = PairPass(pass, static (a, b) => a is '.' or ',' && !char.IsAsciiDigit(b), PairLayout.SplitFirst);
        return PairPass(pass, static (a, b) => char.IsAsciiDigit(a) && b == '-', PairLayout.SplitSecond);
    }

    private enum PairLayout
    {
        /// <summary><c>ab</c> becomes <c>a b </c>.</summary>
        SplitSecond,

        /// <summary><c>ab</c> becomes <c> a b</c>.</summary>
        SplitFirst,
    }

    private static string PairPass(string text, Func<char, char, bool> matches, PairLayout layout)
    {
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            if (i + 1 < text.Length && matches(text[i], text[i + 1]))
            {
                if (layout == PairLayout.SplitSecond)
                {
                    sb.Append(text[i]).Append(' ').Append(text[i + 1]).Append(' ');
                }
                else
                {
                    sb.Append(' ').Append(text[i]).Append(' ').Append(text[i + 1]);
                }

                i += 2;
            }
            else
            {
                sb.Append(text[i]);
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>The v13a punctuation class: <c>{|}~ [\]^_` space!"#$%&amp; ()*+ :;&lt;=&gt;?@ /</c>.</summary>
    private static bool IsPunctuation13a(char c) =>
        c is (>= '{' and <= '~') or (>= '[' and <= '`') or (>= ' ' and <= '&') or (>= '(' and <= '+') or (>= ':' and <= '@') or '/';

    private static string International(string line)
    {
        line = PunctuationAfterNonNumber().Replace(line, "$1 $2 ");
        line = PunctuationBeforeNonNumber().Replace(line, " $1 $2");
        return Symbol().Replace(line, " $1 ");
    }

    private static string[] Characters(string text)
    {
        var result = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                result.Add(rune.ToString());
            }
        }

        return [.. result];
    }

    [GeneratedRegex(@"(\P{N})(\p{P})", RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationAfterNonNumber();

    [GeneratedRegex(@"(\p{P})(\P{N})", RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationBeforeNonNumber();

    [GeneratedRegex(@"(\p{S})", RegexOptions.CultureInvariant)]
    private static partial Regex Symbol();
}
