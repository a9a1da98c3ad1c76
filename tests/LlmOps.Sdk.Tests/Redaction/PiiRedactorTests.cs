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
}
