using LlmOps.Processors.Evaluation.Scorers;

namespace LlmOps.Processors.Tests.Evaluation;

public sealed class PiiDetectorTests
{
    [Theory]
    [InlineData("Mail jane.doe@example.org today", "Email", "jane.doe@example.org")]
    [InlineData("Call +44 20 7946 0958 now", "Phone", "+44 20 7946 0958")]
    [InlineData("Call (555) 123-4567 now", "Phone", "(555) 123-4567")]
    [InlineData("Card 4111 1111 1111 1111 expires", "CreditCard", "4111 1111 1111 1111")]
    [InlineData("Host 10.0.12.254 is down", "IpAddress", "10.0.12.254")]
    [InlineData("Host 2001:db8::8a2e:370:7334 is down", "IpAddress", "2001:db8::8a2e:370:7334")]
    [InlineData("Pay to GB82 WEST 1234 5698 7654 32 please", "Iban", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("My SSN is 123-45-6789.", "UsSsn", "123-45-6789")]
    public void Detect_KnownFormat_FindsSpan(string text, string type, string value)
    {
        var span = Assert.Single(new PiiDetector().Detect(text));
        Assert.Equal(Enum.Parse<PiiType>(type), span.Type);
        Assert.Equal(value, text[span.Start..span.End]);
    }

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("iban:de89370400440532013000", true)]
    [InlineData("Pay to GB82WEST12345698765432.", true)]
    [InlineData("gpt-4o costs 12 cents per 1,000 tokens", false)]
    [InlineData("in 2024 and 2025", false)]
    [InlineData("A1 B22 C 33", false)]
    [InlineData("", false)]
    [InlineData("99", false)]
    public void MayHoldIban_IsTrueWhereverAnIbanCouldStart(string text, bool expected)
    {
        Assert.Equal(expected, PiiDetector.MayHoldIban(text));
    }

    [Theory]
    [InlineData("2001:db8::8a2e:370:7334", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1%eth0", true)]
    [InlineData("Note: the call at 10:30 moved", false)]
    [InlineData("Steps: one: two", false)]
    [InlineData("ratio 16:9", false)]
    [InlineData("", false)]
    public void MayHoldIpv6_IsTrueWhereverAnIpv6AddressCouldBe(string text, bool expected)
    {
        Assert.Equal(expected, PiiDetector.MayHoldIpv6(text));
    }

    [Fact]
    public void Detect_LuhnValidCard_HighAndInvalidCardMedium()
    {
        var detector = new PiiDetector(PiiConfidence.Low);
        Assert.Equal(PiiConfidence.High, Assert.Single(detector.Detect("card 4111111111111111")).Confidence);
        Assert.Equal(PiiConfidence.Medium, Assert.Single(detector.Detect("card 4111111111111112")).Confidence);
    }

    [Theory]
    [InlineData("The meeting is on 2024-05-17 at 10:30.")]
    [InlineData("Version 3.2 shipped with 12 fixes.")]
    [InlineData("SSN 000-12-3456 is not valid.")]
    public void Detect_NonPii_FindsNothing(string text)
    {
        Assert.Empty(new PiiDetector().Detect(text));
    }

    [Fact]
    public void Redact_EmailAndPhone_ReplacesWithTypeMarkers()
    {
        var redacted = new PiiDetector().Redact("Write to a.b@c.io or call 415-555-0100.");
        Assert.Equal("Write to [REDACTED:EMAIL] or call [REDACTED:PHONE].", redacted);
    }

    [Fact]
    public void PassesIbanChecksum_ValidAndCorrupted_Distinguished()
    {
        Assert.True(PiiDetector.PassesIbanChecksum("GB82WEST12345698765432"));
        Assert.False(PiiDetector.PassesIbanChecksum("GB83WEST12345698765432"));
    }

    [Theory]
    [InlineData("no digits at all", 0)]
    [InlineData("Line 3 press, alarm H-214, spec 90 bar, 10 minutes", 3)]
    [InlineData("Call (555) 123-4567 now", 10)]
    [InlineData("Call +44 20 7946 0958 now", 12)]
    [InlineData("Host 10.0.12.254 is down", 8)]
    [InlineData("Card 4111 1111 1111 1111 expires", 16)]
    [InlineData("12 - 34", 2)]
    public void LongestDigitCluster_CountsDigitsAtMostTwoCharactersApart(string text, int expected) =>
        Assert.Equal(expected, PiiDetector.LongestDigitCluster(text));
}
