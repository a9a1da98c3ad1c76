using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>
/// Pattern-and-checksum PII detection: e-mail, phone (international, US and European digit-group formats),
/// payment card (Luhn), IPv4/IPv6, IBAN (mod-97) and US SSN. Each span carries a confidence; spans below
/// <see cref="MinimumConfidence"/> are not reported. Overlapping candidates are resolved in favour of the more
/// confident, then longer, span.
/// </summary>
internal sealed partial class PiiDetector
{
    public const string Name = "pii";
    private const int CueWindow = 48;

    private static readonly string[] PhoneCues =
    [
        "phone", "tel", "telephone", "mobile", "cell", "call", "fax", "contact", "reach", "dial", "text", "sms",
        "message", "whatsapp", "number", "answering", "answer", "ring", "hotline", "ext", "extension", "landline",
    ];

    private static readonly string[] SsnCues = ["ssn", "social security", "social-security"];

    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24,
        ["AT"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["CH"] = 21,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DK"] = 18,
        ["EE"] = 20,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GR"] = 27,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IS"] = 26,
        ["IT"] = 27,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["MC"] = 27,
        ["MT"] = 31,
        ["NL"] = 18,
        ["NO"] = 15,
        ["PL"] = 28,
        ["PT"] = 25,
        ["RO"] = 24,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["TR"] = 26,
    };

    public PiiDetector(PiiConfidence minimumConfidence = PiiConfidence.Medium) => MinimumConfidence = minimumConfidence;

    public PiiConfidence MinimumConfidence { get; }

    public static string LabelOf(PiiType type) => type switch
    {
        PiiType.Email => "EMAIL",
        PiiType.Phone => "PHONE",
        PiiType.CreditCard => "CREDIT_CARD",
        PiiType.IpAddress => "IP_ADDRESS",
        PiiType.Iban => "IBAN",
        PiiType.UsSsn => "US_SSN",
        _ => "PII",
    };

    /// <summary>Finds personal-data spans, ordered by start offset and non-overlapping.</summary>
    public List<PiiSpan> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidates = new List<PiiSpan>();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            foreach (var m in EmailPattern().EnumerateMatches(text))
            {
                candidates.Add(new PiiSpan(m.Index, m.Index + m.Length, PiiType.Email, PiiConfidence.High));
            }
        }

        // Every numeric pattern below needs a cluster of digits (digits at most two characters apart): texts without a
        // long enough one skip those scans, which is most prose.
        var cluster = LongestDigitCluster(text);
        if (cluster >= 4)
        {
            foreach (var m in Ipv4Pattern().EnumerateMatches(text))
            {
                candidates.Add(new PiiSpan(m.Index, m.Index + m.Length, PiiType.IpAddress, PiiConfidence.High));
            }
        }

        if (MayHoldIpv6(text))
        {
            foreach (var m in Ipv6Pattern().EnumerateMatches(text))
            {
                var span = text.AsSpan(m.Index, m.Length);
                if (span.Count(':') >= 2 && IPAddress.TryParse(span, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    candidates.Add(new PiiSpan(m.Index, m.Index + m.Length, PiiType.IpAddress, PiiConfidence.High));
                }
            }
        }

        if (MayHoldIban(text))
        {
            foreach (var m in IbanPattern().EnumerateMatches(text))
            {
                // A space-separated IBAN may have swallowed a following word: drop trailing chunks until it validates.
                var length = m.Length;
                while (length > 0)
                {
                    var confidence = IbanConfidence(text.AsSpan(m.Index, length));
                    if (confidence is not null)
                    {
                        candidates.Add(new PiiSpan(m.Index, m.Index + length, PiiType.Iban, confidence.Value));
                        break;
                    }

                    length = text.AsSpan(m.Index, length).LastIndexOf(' ');
                }
            }
        }

        if (cluster < 7)
        {
            return Resolve(candidates, MinimumConfidence); // SSNs need 9 digits, cards 12, phone numbers 7
        }

        foreach (var m in SsnPattern().EnumerateMatches(text))
        {
            var confidence = SsnConfidence(text, m.Index, m.Length);
            if (confidence is not null)
            {
                candidates.Add(new PiiSpan(m.Index, m.Index + m.Length, PiiType.UsSsn, confidence.Value));
            }
        }

        foreach (var m in CardPattern().EnumerateMatches(text))
        {
            candidates.Add(new PiiSpan(m.Index, m.Index + m.Length, PiiType.CreditCard, CardConfidence(text.AsSpan(m.Index, m.Length))));
        }

        foreach (var m in PhonePattern().EnumerateMatches(text))
        {
            var confidence = PhoneConfidence(text, m.Index, m.Length);
            if (confidence is not null)
            {
                candidates.Add(new PiiSpan(m.Index, m.Index + m.Length, PiiType.Phone, confidence.Value));
            }
        }

        return Resolve(candidates, MinimumConfidence);
    }

    /// <summary>Replaces every detected span with <c>[REDACTED:TYPE]</c>.</summary>
    public string Redact(string text) => Redact(text, Detect(text));

    /// <summary>
    /// Whether <paramref name="text"/> has two ASCII letters right before two digits, which every IBAN starts with: the
    /// IBAN pattern's scan tries a match at nearly every letter of a text, and most texts have no such place.
    /// </summary>
    internal static bool MayHoldIban(ReadOnlySpan<char> text)
    {
        var i = 2;
        while (i < text.Length - 1)
        {
            var next = text[i..].IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                return false;
            }

            i += next;
            if (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiLetter(text[i - 1]) && char.IsAsciiLetter(text[i - 2]))
            {
                return true;
            }

            i++;
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="text"/> has two colons with at most four hex digits between them, which every IPv6 address
    /// has: prose has colons, but rarely that.
    /// </summary>
    internal static bool MayHoldIpv6(ReadOnlySpan<char> text)
    {
        var i = text.IndexOf(':');
        while (i >= 0)
        {
            var j = i + 1;
            while (j < text.Length && j - i <= 5 && char.IsAsciiHexDigit(text[j]))
            {
                j++;
            }

            if (j < text.Length && j - i <= 5 && text[j] == ':')
            {
                return true;
            }

            var next = text[(i + 1)..].IndexOf(':');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    /// <summary>
    /// The most digits in one cluster: a run of digits in which consecutive digits are at most two characters apart
    /// (<c>(555) 123-4567</c>, <c>10.0.0.1</c> and <c>4111 1111 1111 1111</c> are one cluster each).
    /// </summary>
    internal static int LongestDigitCluster(ReadOnlySpan<char> text)
    {
        int best = 0, current = 0, gap = int.MaxValue;
        var i = text.IndexOfAnyInRange('0', '9');
        if (i < 0)
        {
            return 0;
        }

        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                current = gap <= 2 ? current + 1 : 1;
                best = Math.Max(best, current);
                gap = 0;
            }
            else if (gap != int.MaxValue && ++gap > 2)
            {
                gap = int.MaxValue;
                var next = text[i..].IndexOfAnyInRange('0', '9');
                if (next < 0)
                {
                    break;
                }

                i += next - 1;
            }
        }

        return best;
    }

    /// <summary>Replaces the given non-overlapping spans (ordered by start) with <c>[REDACTED:TYPE]</c>.</summary>
    public static string Redact(string text, IReadOnlyList<PiiSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        if (spans.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            if (span.Start < position)
            {
                continue;
            }

            sb.Append(text, position, span.Start - position).Append("[REDACTED:").Append(span.Label).Append(']');
            position = span.End;
        }

        return sb.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Evaluator form: score = highest span confidence (0 none, 1/3 low, 2/3 medium, 1 high).</summary>
    public EvaluationResult Evaluate(string text)
    {
        var spans = Detect(text);
        if (spans.Count == 0)
        {
            return new EvaluationResult(Name, 0, "clean", "no personal data detected");
        }

        var max = spans.Max(s => (int)s.Confidence);
        var types = string.Join(", ", spans.Select(s => s.Label).Distinct());
        return new EvaluationResult(Name, max / 3.0, "pii_detected", $"{spans.Count} span(s): {types}");
    }

    /// <summary>The Luhn (mod-10) checksum over the digits of <paramref name="value"/>.</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> value)
    {
        int sum = 0, digits = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if ((digits & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
        }

        return digits > 0 && sum % 10 == 0;
    }

    /// <summary>The IBAN mod-97 check (ISO 13616) over an IBAN with optional spaces.</summary>
    public static bool PassesIbanChecksum(ReadOnlySpan<char> value)
    {
        Span<char> compact = stackalloc char[64];
        var length = 0;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == compact.Length || !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }

            compact[length++] = char.ToUpperInvariant(c);
        }

        if (length < 15)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = compact[(i + 4) % length];
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    private static PiiConfidence CardConfidence(ReadOnlySpan<char> value)
    {
        var digits = 0;
        var separators = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else
            {
                separators++;
            }
        }

        if (PassesLuhn(value))
        {
            return PiiConfidence.High;
        }

        // Card-shaped but failing Luhn: typed or synthetic numbers. 13-19 digits with a known issuer prefix, or
        // laid out in the usual groups of four, are still reported.
        var knownPrefix = value[0] is '2' or '3' or '4' or '5' or '6' || value.StartsWith("1800");
        return digits >= 13 && (knownPrefix || separators >= 3) ? PiiConfidence.Medium : PiiConfidence.Low;
    }

    private static PiiConfidence? IbanConfidence(ReadOnlySpan<char> value)
    {
        if (PassesIbanChecksum(value))
        {
            return PiiConfidence.High;
        }

        var country = string.Concat(char.ToUpperInvariant(value[0]).ToString(), char.ToUpperInvariant(value[1]).ToString());
        var length = 0;
        foreach (var c in value)
        {
            if (c != ' ')
            {
                length++;
            }
        }

        return IbanLengths.TryGetValue(country, out var expected) && expected == length ? PiiConfidence.Medium : null;
    }

    private static PiiConfidence? SsnConfidence(string text, int index, int length)
    {
        var digits = new StringBuilder(9);
        foreach (var c in text.AsSpan(index, length))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        if (digits.Length != 9)
        {
            return null;
        }

        var s = digits.ToString();
        var area = s.AsSpan(0, 3);
        if (area is "000" or "666" || area[0] == '9' || s.AsSpan(3, 2) is "00" || s.AsSpan(5, 4) is "0000")
        {
            return null;
        }

        var separated = length == 11;
        var cue = HasCue(text, index, SsnCues);
        return separated && cue ? PiiConfidence.High : separated || cue ? PiiConfidence.Medium : null;
    }

    private static PiiConfidence? PhoneConfidence(string text, int index, int length)
    {
        var span = text.AsSpan(index, length);
        int digits = 0, groups = 0, spaces = 0, dashes = 0, dots = 0;
        var inGroup = false;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                if (!inGroup)
                {
                    groups++;
                }

                inGroup = true;
                continue;
            }

            inGroup = false;
            switch (c)
            {
                case ' ':
                    spaces++;
                    break;
                case '-':
                    dashes++;
                    break;
                case '.':
                    dots++;
                    break;
            }
        }

        if (digits is < 7 or > 15 || LooksLikeDate(span))
        {
            return null;
        }

        var international = span[0] == '+' || span.Contains('(');
        var nanp = NanpPattern().IsMatch(span);
        var uniformSeparators = groups >= 3 && (dashes == groups - 1 || dots == groups - 1);
        var cue = HasCue(text, index, PhoneCues);
        if (international || nanp)
        {
            return cue ? PiiConfidence.High : PiiConfidence.Medium;
        }

        if (uniformSeparators || (groups >= 2 && spaces + dashes + dots > 0))
        {
            return cue ? PiiConfidence.Medium : PiiConfidence.Low;
        }

        // A bare run of digits is a phone number only when the text says so.
        return cue && digits >= 8 ? PiiConfidence.Low : null;
    }

    private static bool LooksLikeDate(ReadOnlySpan<char> span) =>
        IsoDatePattern().IsMatch(span) || DayMonthYearPattern().IsMatch(span);

    /// <summary>True when one of <paramref name="cues"/> appears as a word in the text just before <paramref name="index"/>.</summary>
    private static bool HasCue(string text, int index, string[] cues)
    {
        var start = Math.Max(0, index - CueWindow);
        var window = text.AsSpan(start, index - start);
        foreach (var cue in cues)
        {
            var at = window.LastIndexOf(cue, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (at == 0 || !char.IsLetter(window[at - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static List<PiiSpan> Resolve(List<PiiSpan> candidates, PiiConfidence minimum)
    {
        candidates.RemoveAll(c => c.Confidence < minimum);
        candidates.Sort(static (a, b) =>
        {
            var byConfidence = b.Confidence.CompareTo(a.Confidence);
            if (byConfidence != 0)
            {
                return byConfidence;
            }

            var byLength = b.Length.CompareTo(a.Length);
            return byLength != 0 ? byLength : a.Type.CompareTo(b.Type);
        });
        var accepted = new List<PiiSpan>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var overlaps = false;
            foreach (var kept in accepted)
            {
                if (candidate.Start < kept.End && kept.Start < candidate.End)
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                accepted.Add(candidate);
            }
        }

        accepted.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return accepted;
    }

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Pattern();

    [GeneratedRegex(@"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\d-])\d{3}([- ]?)\d{2}\1\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![\w+.-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,8}){0,5}(?![\w]|[.-]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex NanpPattern();

    [GeneratedRegex(@"^(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"^(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYearPattern();
}
