using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Processors.Tests.Model;

/// <summary>The plain input and answer texts read out of <c>gen_ai.input.messages</c> / <c>gen_ai.output.messages</c>.</summary>
public sealed class GenAiNormalizerTextTests
{
    private static GenAiInfo Normalize(string? input, string? output, out SpanRecord span)
    {
        span = new SpanRecord { TraceId = new string('a', 32), SpanId = new string('b', 16), Name = "chat m" };
        span.Attributes.Add(SemanticConventions.GenAiOperationName, AttrValue.Of("chat"));
        if (input is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiInputMessages, AttrValue.Of(input));
        }

        if (output is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiOutputMessages, AttrValue.Of(output));
        }

        span.GenAi = GenAiNormalizer.Normalize(span);
        return span.GenAi;
    }

    private static string? Input(string messages) => Normalize(messages, null, out _).InputText;

    private static string? Output(string messages) => Normalize(null, messages, out _).OutputText;

    [Fact]
    public void InputText_IsTheLastUserMessage()
    {
        Assert.Equal("second", Input("""
            [{"role":"system","parts":[{"type":"text","content":"be brief"}]},
             {"role":"user","parts":[{"type":"text","content":"first"}]},
             {"role":"assistant","parts":[{"type":"text","content":"answer"}]},
             {"role":"user","parts":[{"type":"text","content":"second"}]}]
            """));
    }

    [Fact]
    public void OutputText_JoinsEveryAssistantMessage()
    {
        Assert.Equal("one\ntwo", Output("""
            [{"role":"assistant","parts":[{"type":"text","content":"one"}]},
             {"role":"tool","parts":[{"type":"text","content":"tool says"}]},
             {"role":"assistant","parts":[{"type":"text","content":"two"}]}]
            """));
    }

    [Fact]
    public void TextParts_AreJoinedWithNewLines_OtherPartsSkipped_LeadingEmptyPartsAddNothing()
    {
        Assert.Equal("a\nb", Input("""[{"role":"user","parts":[{"type":"text","content":""},{"type":"text","content":"a"},{"type":"tool_call","content":"x"},{"content":"b"}]}]"""));

        // An empty part after text keeps its line, as the text had it.
        Assert.Equal("a\n\nb", Input("""[{"role":"user","parts":[{"type":"text","content":"a"},{"type":"text","content":""},{"type":"text","content":"b"}]}]"""));
    }

    [Fact]
    public void WithoutTheRole_TheLastMessageWithTextIsUsed()
    {
        Assert.Equal("late", Input("""
            [{"role":"system","parts":[{"type":"text","content":"early"}]},
             {"role":"system","parts":[{"type":"text","content":"late"}]},
             {"role":"system","parts":[{"type":"text","content":""}]}]
            """));
    }

    [Fact]
    public void ContentStrings_NonTextTypes_AndBrokenJson_AreHandled()
    {
        Assert.Equal("plain", Input("""[{"role":"user","content":"plain"}]"""));

        // A part type that is not a string is not text; it is skipped, not thrown on.
        Assert.Equal("kept", Input("""[{"role":"user","parts":[{"type":7,"content":"odd"},{"type":"text","content":"kept"}]}]"""));
        Assert.Null(Input("""[{"role":"user","parts":[{"type":"text","content":"unclosed"}"""));
        Assert.Null(Input("""{"role":"user"}"""));
    }

    [Fact]
    public void TextOf_TheStoredAttributes_ReusesTheParseOnlyWhileTheJsonIsTheSame()
    {
        var g = Normalize("""[{"role":"user","parts":[{"type":"text","content":"question"}]}]""", """[{"role":"assistant","parts":[{"type":"text","content":"answer"}]}]""", out var span);
        Assert.Equal("question", g.InputText);
        Assert.Equal("answer", g.OutputText);
        Assert.NotNull(g.InputMessagesParse);
        Assert.Equal("question", GenAiNormalizer.InputTextOf(span.Attributes, g.InputMessagesParse));
        Assert.Equal("answer", GenAiNormalizer.OutputTextOf(span.Attributes, g.OutputMessagesParse));

        // The attribute rewritten (as redaction does): its new text, not the remembered one.
        span.Attributes.Set(SemanticConventions.GenAiInputMessages, AttrValue.Of("""[{"role":"user","parts":[{"type":"text","content":"[REDACTED]"}]}]"""));
        Assert.Equal("[REDACTED]", GenAiNormalizer.InputTextOf(span.Attributes, g.InputMessagesParse));
        Assert.Equal(GenAiNormalizer.InputTextOf(span.Attributes), GenAiNormalizer.InputTextOf(span.Attributes, g.InputMessagesParse));
    }
}
