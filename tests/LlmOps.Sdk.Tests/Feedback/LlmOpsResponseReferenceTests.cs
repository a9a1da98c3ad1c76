using System.Diagnostics;
using LlmOps.Sdk.Context;

namespace LlmOps.Sdk.Tests.Feedback;

public sealed class LlmOpsResponseReferenceTests
{
    [Fact]
    public void TryParseTraceParent_Valid_RoundTrips()
    {
        const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        Assert.True(LlmOpsResponseReference.TryParseTraceParent(TraceParent, out var reference));

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", reference.TraceId);
        Assert.Equal("00f067aa0ba902b7", reference.SpanId);
        Assert.Equal(TraceParent, reference.ToTraceParent());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e47zz-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01")]
    public void TryParseTraceParent_Invalid_ReturnsFalse(string? value)
    {
        Assert.False(LlmOpsResponseReference.TryParseTraceParent(value, out _));
    }

    [Fact]
    public void FromActivity_Activity_UsesItsIds()
    {
        using var activity = new Activity("x").SetIdFormat(ActivityIdFormat.W3C).Start();

        var reference = LlmOpsResponseReference.FromActivity(activity, "r-1");

        Assert.Equal(activity.TraceId.ToHexString(), reference.TraceId);
        Assert.Equal(activity.SpanId.ToHexString(), reference.SpanId);
        Assert.Equal("r-1", reference.ResponseId);
    }

    [Fact]
    public void Constructor_SpanIdWithoutTraceId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LlmOpsResponseReference(null, "00f067aa0ba902b7"));
    }
}
