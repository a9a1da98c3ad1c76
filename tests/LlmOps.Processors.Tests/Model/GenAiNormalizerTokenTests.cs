using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Processors.Tests.Model;

/// <summary>Token counts taken from <c>gen_ai.usage.*</c>: only counts that can be summed without wrapping.</summary>
public sealed class GenAiNormalizerTokenTests
{
    private static GenAiInfo Normalize(long input, long output, out SpanRecord span)
    {
        span = new SpanRecord { TraceId = new string('a', 32), SpanId = new string('b', 16), Name = "chat m" };
        span.Attributes.Add(SemanticConventions.GenAiOperationName, AttrValue.Of("chat"));
        span.Attributes.Add(SemanticConventions.GenAiUsageInputTokens, AttrValue.Of(input));
        span.Attributes.Add(SemanticConventions.GenAiUsageOutputTokens, AttrValue.Of(output));
        return GenAiNormalizer.Normalize(span);
    }

    [Fact]
    public void NegativeCount_IgnoredAndAttributeKeptAsSent()
    {
        var g = Normalize(-5, 7, out var span);

        Assert.Null(g.InputTokens);
        Assert.Equal(7, g.OutputTokens);
        Assert.Equal(-5, span.Attributes.Get(SemanticConventions.GenAiUsageInputTokens)!.IntValue);
    }

    [Fact]
    public void CountsThatWouldWrapASum_Ignored()
    {
        var g = Normalize(long.MaxValue, long.MaxValue, out _);

        Assert.Null(g.InputTokens);
        Assert.Null(g.OutputTokens);
        Assert.Equal(GenAiNormalizer.MaxTokenCount, Normalize(GenAiNormalizer.MaxTokenCount, 0, out _).InputTokens);
    }
}
