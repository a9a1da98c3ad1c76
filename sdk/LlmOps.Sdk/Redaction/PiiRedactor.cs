using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Redaction;

/// <summary>
/// The default in-process PII redactor: regular expressions narrowed by checksums (Luhn for cards, mod-97 for IBANs,
/// the DNI letter, address parsing for IPs) so ordinary numbers survive. Replaces each finding with
/// <c>[REDACTED:KIND]</c>.
/// </summary>
public sealed partial class PiiRedactor : IPiiRedactor
{
    private readonly PiiCategories _categories;

    /// <summary>Creates a redactor for the given categories.</summary>
    /// <param name="categories">The categories to remove.</param>
    public PiiRedactor(PiiCategories categories = PiiCategories.All)
    {
        _categories = categories;
    }

    /// <summary>Gets a shared redactor for all categories.</summary>
    public static PiiRedactor Default { get; } = new();

    /// <inheritdoc />
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MayContainPii(text))
        {
            return text;
        }

        if (Has(PiiCategories.Email))
        {
            text = EmailRegex().Replace(text, "[REDACTED:EMAIL]");
        }

        if (Has(PiiCategories.Iban))
        {
            text = IbanRegex().Replace(text, m => IsValidIban(m.Value) ? "[REDACTED:IBAN]" : m.Value);
        }

        if (Has(PiiCategories.CreditCard))
        {
            text = CardRegex().Replace(text, m => PassesLuhn(m.Value) ? "[REDACTED:CARD]" : m.Value);
        }

        if (Has(PiiCategories.NationalId))
        {
            text = SsnRegex().Replace(text, m => IsValidSsn(m.Value) ? "[REDACTED:NATIONAL_ID]" : m.Value);
            text = NinoRegex().Replace(text, "[REDACTED:NATIONAL_ID]");
            text = DniRegex().Replace(text, m => IsValidDni(m.Value) ? "[REDACTED:NATIONAL_ID]" : m.Value);
        }

        if (Has(PiiCategories.IpAddress))
        {
            text = Ipv4Regex().Replace(text, "[REDACTED:IP]");
            text = Ipv6Regex().Replace(text, m => IsIpv6(m.Value) ? "[REDACTED:IP]" : m.Value);
        }

        if (Has(PiiCategories.Phone))
        {
            text = PhoneRegex().Replace(text, m => IsPhone(m.Value) ? "[REDACTED:PHONE]" : m.Value);
        }

        return text;
    }

    internal static bool PassesLuhn(string candidate)
    {
        var sum = 0;
        var digits = 0;
        var doubleIt = false;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
            doubleIt = !doubleIt;
        }

        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }

    internal static bool IsValidIban(string candidate)
    {
        Span<char> compact = stackalloc char[candidate.Length];
        var length = 0;
        foreach (var c in candidate)
        {
            if (c != ' ')
            {
                compact[length++] = char.ToUpperInvariant(c);
            }
        }

        if (length is < 15 or > 34)
        {
            return false;
        }

        // Move the first four characters to the end, map letters to 10..35, and take the number mod 97.
        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = compact[(i + 4) % length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    private static bool IsValidSsn(string candidate)
    {
        var area = candidate.AsSpan(0, 3);
        return area is not "000" and not "666" && area[0] != '9' && candidate.AsSpan(4, 2) is not "00" && candidate.AsSpan(7, 4) is not "0000";
    }

    private static bool IsValidDni(string candidate)
    {
        const string Letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        var number = int.Parse(candidate.AsSpan(0, 8), System.Globalization.CultureInfo.InvariantCulture);
        return char.ToUpperInvariant(candidate[8]) == Letters[number % 23];
    }

    private static bool IsIpv6(string candidate) =>
        IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsPhone(string candidate)
    {
        // Without an international prefix a phone number has at least 10 digits (area code + subscriber).
        var minimum = candidate.StartsWith('+') ? 9 : 10;
        var digits = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits >= minimum && digits <= 15;
    }

    private static bool MayContainPii(string text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c == '@')
            {
                return true;
            }
        }

        return false;
    }

    private bool Has(PiiCategories category) => (_categories & category) != 0;

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IbanRegex();

    [GeneratedRegex(@"(?<![\w.])\d(?:[ \-]?\d){12,18}(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.CultureInvariant)]
    private static partial Regex NinoRegex();

    [GeneratedRegex(@"\b\d{8}[A-Za-z]\b", RegexOptions.CultureInvariant)]
    private static partial Regex DniRegex();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]*\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Regex();

    // A phone number needs a phone's shape, not just 10+ digits: an international "+" prefix; a "(area)" code; a
    // NANP 3-3-4 grouping with one separator kind; or a trunk "0" prefix then subscriber groups. Digit runs that are
    // part of dates, times, versions or lists of measurements ("2024-01-15 12:30", "1200 1500 1800") do not match.
    [GeneratedRegex(@"(?<![\w+.:/\-])(?:\+\d{1,3}[ .\-]?(?:\(\d{1,4}\)[ .\-]?)?\d{2,5}(?:[ .\-]?\d{2,5}){1,5}|\(\d{2,4}\)[ .\-]?\d{3,4}[ .\-]\d{3,5}|\d{3}(?<sep>[ .\-])\d{3}\k<sep>\d{4}|0\d{1,4}[ /.\-]\d{3,8}(?:[ .\-]\d{3,5})?)(?![\w:/]|[ .\-]\d)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PhoneRegex();
}
