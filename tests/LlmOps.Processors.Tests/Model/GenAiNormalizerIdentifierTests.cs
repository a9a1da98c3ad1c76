using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Processors.Tests.Model;

/// <summary>Session, user and response ids as the store's columns and the API's URLs take them.</summary>
public sealed class GenAiNormalizerIdentifierTests
{
    [Fact]
    public void NulInAnId_BecomesReplacementCharacter_AttributeKeptAsSent()
    {
        var span = new SpanRecord { TraceId = new string('a', 32), SpanId = new string('b', 16), Name = "chat m" };
        span.Attributes.Add(SemanticConventions.SessionId, AttrValue.Of("sess\0ion"));
        span.Attributes.Add(SemanticConventions.UserId, AttrValue.Of("\0"));

        var g = GenAiNormalizer.Normalize(span);

        Assert.Equal("sess\uFFFDion", g.SessionId);
        Assert.Equal("\uFFFD", g.UserId);
        Assert.Equal("sess\0ion", span.Attributes.GetString(SemanticConventions.SessionId));
    }

    [Fact]
    public void LongId_CutNeverInsideASurrogatePair()
    {
        var id = new string('x', GenAiNormalizer.MaxIdentifierLength - 1) + "\U0001F600tail";

        Assert.Equal(GenAiNormalizer.MaxIdentifierLength - 1, GenAiNormalizer.Identifier(id)!.Length);
        Assert.Equal("plain", GenAiNormalizer.Identifier("plain"));
        Assert.Null(GenAiNormalizer.Identifier(null));
    }
}
