using System.Text;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Emoticons and emoji in feedback comments. Western emoticons are an eye (<c>:</c>, <c>;</c>, <c>=</c>), an
/// optional nose or tear and a mouth (":)", ":-(", ":D", ";)", ":/", ":'("), plus "xD", "^_^",
/// "&lt;3" and "&lt;/3"; emoji are looked up by code point (skin tones and variation selectors are ignored).
/// Values are on the scale of the scorer's word valences; repeated symbols add up.
/// </summary>
internal static class SentimentSymbols
{
    private const double Smile = 2;
    private const double Frown = -2;
    private const double Skew = -1.5;

    private static readonly Dictionary<int, double> Emoji = Build("""
        2.5: 😍 🥰 🤩 🥳 ❤ ♥ 💕 💖 💗 💓 💞 💘 😻 🏆 💯
        2: 😀 😃 😄 😁 😆 😊 ☺ 😇 😘 😎 😋 🤗 👍 👌 👏 🙌 💪 🎉 🎊 🌟 💙 💚 💛 💜 🧡 🤍 🖤 ✅ 🚀
        1.5: 🙂 😉 😂 🤣 🙏 🔥 ⭐ ✨ ✔ ☑ 😺 😸
        1: 😅 😌 🆗
        -1: 😐 😑 😶 🤨 😬 😴 🤷 ⚠
        -1.5: 😕 😟 🙁 😓 🥱 😱 😨 😰 ❌ ❎ 😳
        -2: 👎 😞 😔 ☹ 😢 😭 😥 😪 😒 🙄 😩 😫 😖 😣 😤 🤦 💔 😿 🐛
        -2.5: 😠 😡 💩 🤢 😾
        -3: 🤬 🤮
        """);

    /// <summary>The summed value of the emoticons and emoji in <paramref name="text"/>; 0 when there are none.</summary>
    public static double Score(string text)
    {
        var score = 0.0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128)
            {
                if (c is ':' or ';' or '=' or 'x' or 'X' or '<' or '^')
                {
                    score += Emoticon(text, ref i);
                }

                continue;
            }

            if (c < 0x2190)
            {
                continue;
            }

            int rune = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                rune = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }

            if (Emoji.TryGetValue(rune, out var v))
            {
                score += v;
            }
        }

        return score;
    }

    private static double Emoticon(string text, ref int i)
    {
        var c = text[i];
        var before = i == 0 ? ' ' : text[i - 1];
        switch (c)
        {
            case '<':
                // "<3", "</3" (not "<30 ms" nor "a<3").
                if (char.IsLetterOrDigit(before))
                {
                    return 0;
                }

                var broken = i + 1 < text.Length && text[i + 1] is '/' or '\\';
                var three = i + (broken ? 2 : 1);
                if (three < text.Length && text[three] == '3' && (three + 1 == text.Length || !char.IsDigit(text[three + 1])))
                {
                    i = three;
                    return broken ? Frown : Smile;
                }

                return 0;

            case '^':
                // "^_^", "^^".
                if (i + 2 < text.Length && text[i + 1] == '_' && text[i + 2] == '^')
                {
                    i += 2;
                    return Smile;
                }

                return 0;

            case 'x' or 'X':
                // "xD", "XD" as a word of its own.
                if (i + 1 < text.Length && text[i + 1] == 'D' && !char.IsLetterOrDigit(before) && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])))
                {
                    i++;
                    return Smile;
                }

                return 0;
        }

        var j = i + 1;
        var tear = false;
        if (j < text.Length && text[j] is '-' or '\'' or 'o' or '^')
        {
            tear = text[j] == '\'';
            j++;
        }

        if (j >= text.Length || (j + 1 < text.Length && char.IsLetterOrDigit(text[j + 1])))
        {
            return 0;
        }

        var value = text[j] switch
        {
            ')' or ']' or '}' or 'D' => tear ? 0 : Smile,
            'P' or 'p' => Smile / 2,
            '(' or '[' or '{' => Frown,
            '/' or '\\' when !(j + 1 < text.Length && text[j + 1] is '/' or '\\') && c == ':' => Skew,
            '|' when c == ':' => Skew / 2,
            _ => 0,
        };
        if (value == 0)
        {
            return 0;
        }

        // A run of mouths (":)))", ":(((") counts once.
        while (j + 1 < text.Length && text[j + 1] == text[j])
        {
            j++;
        }

        i = j;
        return value;
    }

    private static Dictionary<int, double> Build(string entries)
    {
        var map = new Dictionary<int, double>();
        foreach (var line in entries.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var value = double.Parse(line.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var symbol in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // The first code point names the symbol; a joiner sequence such as "😮‍💨" is keyed by its first face.
                map.TryAdd(symbol.EnumerateRunes().First().Value, value);
            }
        }

        return map;
    }
}
