namespace LlmOps.Processors.Evaluation.Text;

/// <summary>
/// A fast word tokeniser for the heuristic scorers: runs of letters and digits, keeping an apostrophe between
/// letters (<c>don't</c>) and a period or comma between digits (<c>3.5</c>, <c>1,000</c>). Tokens are lower-cased;
/// a trailing possessive <c>'s</c> is dropped.
/// </summary>
internal static class WordTokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(Math.Max(4, text.Length / 5));
        Tokenize(text, tokens);
        return tokens;
    }

    public static void Tokenize(string text, List<Token> output) => Tokenize(text, output, null);

    /// <summary>Tokenises <paramref name="text"/>, also collecting each token's <see cref="WordInfo"/> when <paramref name="words"/> is given.</summary>
    public static void Tokenize(string text, List<Token> output, List<WordInfo>? words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var sentenceStart = true;
        var i = 0;
        Span<char> buffer = stackalloc char[64];
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '.' or '!' or '?' or '\n' or ':' or ';')
                {
                    sentenceStart = true;
                }

                i++;
                continue;
            }

            var start = i;
            var hasDigit = false;
            var upper = 0;
            var letters = 0;
            while (i < text.Length)
            {
                c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    if (char.IsDigit(c))
                    {
                        hasDigit = true;
                    }
                    else
                    {
                        letters++;
                        if (char.IsUpper(c))
                        {
                            upper++;
                        }
                    }

                    i++;
                }
                else if (i + 1 < text.Length && i > start && IsJoiner(text[i - 1], c, text[i + 1]))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            var length = i - start;
            var kind = TokenKind.None;
            if (hasDigit)
            {
                kind |= TokenKind.Numeric;
            }

            if (char.IsUpper(text[start]))
            {
                kind |= TokenKind.Capitalized;
            }

            if (letters >= 2 && upper == letters)
            {
                kind |= TokenKind.AllCaps;
            }

            if (sentenceStart)
            {
                kind |= TokenKind.SentenceStart;
            }

            sentenceStart = false;
            var effective = length;
            if (effective > 2 && (text[start + effective - 1] is 's' or 'S') && IsApostrophe(text[start + effective - 2]))
            {
                effective -= 2;
            }

            var info = Lower(text.AsSpan(start, effective), buffer);
            output.Add(new Token(info.Text, start, length, kind));
            words?.Add(info);
        }
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsJoiner(char before, char c, char after)
    {
        if (IsApostrophe(c))
        {
            return char.IsLetter(before) && char.IsLetter(after);
        }

        return (c is '.' or ',') && char.IsDigit(before) && char.IsDigit(after);
    }

    private static WordInfo Lower(ReadOnlySpan<char> source, Span<char> buffer)
    {
        if (source.Length > buffer.Length)
        {
            return new WordInfo(source.ToString().ToLowerInvariant());
        }

        var dest = buffer[..source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            dest[i] = c == '\u2019' ? '\'' : c < 128 ? (char)(c is >= 'A' and <= 'Z' ? c + 32 : c) : char.ToLowerInvariant(c);
        }

        return WordTable.Get(dest);
    }
}
