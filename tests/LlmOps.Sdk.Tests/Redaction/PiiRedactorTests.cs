using LlmOps.Sdk.Redaction;

namespace LlmOps.Sdk.Tests.Redaction;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("mail jane.doe+ops@plant-3.factory.example now", "mail [REDACTED:EMAIL] now")]
    [InlineData("call +49 170 1234567 today", "call [REDACTED:PHONE] today")]
    [InlineData("call (555) 123-4567 today", "call [REDACTED:PHONE] today")]
    [InlineData("call 030-1234-5678", "call [REDACTED:PHONE]")]
    [InlineData("card 4111 1111 1111 1111 ok", "card [REDACTED:CARD] ok")]
    [InlineData("card 5500-0000-0000-0004", "card [REDACTED:CARD]")]
    [InlineData("iban DE89 3704 0044 0532 0130 00", "iban [REDACTED:IBAN]")]
    [InlineData("iban GB82WEST12345698765432", "iban [REDACTED:IBAN]")]
    [InlineData("host 192.168.10.4 down", "host [REDACTED:IP] down")]
    [InlineData("host 2001:db8::8a2e:370:7334 down", "host [REDACTED:IP] down")]
    [InlineData("ssn 123-45-6789", "ssn [REDACTED:NATIONAL_ID]")]
    [InlineData("nino AB 12 34 56 C", "nino [REDACTED:NATIONAL_ID]")]
    [InlineData("dni 12345678Z", "dni [REDACTED:NATIONAL_ID]")]
    public void Redact_PersonalData_Replaced(string input, string expected)
    {
        Assert.Equal(expected, PiiRedactor.Default.Redact(input));
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1112 fails Luhn")]
    [InlineData("iban DE89 3704 0044 0532 0130 02 fails mod-97")]
    [InlineData("shift starts 2026-01-15 at 06:30")]
    [InlineData("order 123456 line 4, torque 45 Nm, version 1.20.1")]
    [InlineData("ssn-like 000-12-3456 is invalid")]
    [InlineData("dni 12345678A has a wrong letter")]
    [InlineData("no digits or at-signs here")]
    public void Redact_NoPersonalData_Unchanged(string input)
    {
        Assert.Equal(input, PiiRedactor.Default.Redact(input));
    }

    [Fact]
    public void Redact_CategoriesLimited_OnlyThoseReplaced()
    {
        var redactor = new PiiRedactor(PiiCategories.Email);

        Assert.Equal("[REDACTED:EMAIL] 192.168.1.1", redactor.Redact("a@b.example 192.168.1.1"));
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("79927398713", false)]
    [InlineData("4111111111111112", false)]
    public void PassesLuhn_Numbers_MatchesChecksum(string digits, bool expected)
    {
        Assert.Equal(expected, PiiRedactor.PassesLuhn(digits));
    }

    [Theory]
    [InlineData("US international", "call +1 415 555 0100 now", "call [REDACTED:PHONE] now")]
    [InlineData("US area code in parentheses", "call (415) 555-0100 now", "call [REDACTED:PHONE] now")]
    [InlineData("UK international", "call +44 20 7946 0958 now", "call [REDACTED:PHONE] now")]
    [InlineData("US dashed", "call 415-555-0100 now", "call [REDACTED:PHONE] now")]
    [InlineData("US dotted", "call 415.555.0100 now", "call [REDACTED:PHONE] now")]
    [InlineData("German mobile with trunk prefix", "call 0170 1234567 now", "call [REDACTED:PHONE] now")]
    [InlineData("UK national with trunk prefix", "call 020 7946 0958 now", "call [REDACTED:PHONE] now")]
    [InlineData("date and time", "Maintenance on 2024-01-15 12:30 for pump P-101", "Maintenance on 2024-01-15 12:30 for pump P-101")]
    [InlineData("torque list", "Torque sequence 1200 1500 1800 Nm", "Torque sequence 1200 1500 1800 Nm")]
    [InlineData("serial numbers", "Serial numbers 12345 67890 11111", "Serial numbers 12345 67890 11111")]
    [InlineData("European date and time", "due 15.01.2024 12:30:00", "due 15.01.2024 12:30:00")]
    [InlineData("ISO timestamp", "at 2024-01-15T12:30:00Z", "at 2024-01-15T12:30:00Z")]
    [InlineData("measurements", "readings 415 555 0100 1200 rpm", "readings 415 555 0100 1200 rpm")]
    [InlineData("part number", "part 100-200-3000-4000 ordered", "part 100-200-3000-4000 ordered")]
    public void Redact_PhoneRule_RealNumbersRedactedOrdinaryNumbersKept(string label, string input, string expected)
    {
        Assert.False(string.IsNullOrEmpty(label));
        Assert.Equal(expected, PiiRedactor.Default.Redact(input));
    }
}
