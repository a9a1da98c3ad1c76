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

        line = " " + line + " ";
        line = Punctuation13a().Replace(line, " $1 ");
        line = PeriodCommaAfterNonDigit().Replace(line, "$1 $2 ");
        line = PeriodCommaBeforeNonDigit().Replace(line, " $1 $2");
        return DashAfterDigit().Replace(line, "$1 $2 ");
    }

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

    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])", RegexOptions.CultureInvariant)]
    private static partial Regex Punctuation13a();

    [GeneratedRegex(@"([^0-9])([\.,])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaAfterNonDigit();

    [GeneratedRegex(@"([\.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaBeforeNonDigit();

    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex DashAfterDigit();

    [GeneratedRegex(@"(\P{N})(\p{P})", RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationAfterNonNumber();

    [GeneratedRegex(@"(\p{P})(\P{N})", RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationBeforeNonNumber();

    [GeneratedRegex(@"(\p{S})", RegexOptions.CultureInvariant)]
    private static partial Regex Symbol();
}
