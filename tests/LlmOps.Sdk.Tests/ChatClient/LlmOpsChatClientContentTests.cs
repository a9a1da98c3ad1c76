using LlmOps.Sdk.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Tests.ChatClient;

[Collection(TelemetryCollection.Name)]
public sealed class LlmOpsChatClientContentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static FakeChatClient Answering(string answer) => new()
    {
        OnResponse = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { FinishReason = ChatFinishReason.Stop }),
    };

    private static ChatMessage[] Conversation(string userText) =>
    [
        new(ChatRole.System, "You are the line assistant."),
        new(ChatRole.User, userText),
    ];

    [Fact]
    public async Task GetResponseAsync_ContentOff_NoContentAttributes()
    {
        using var capture = new TelemetryCapture();
        using var client = Answering("secret answer").UseLlmOps(o => o.CaptureMessageContent = false);

        await client.GetResponseAsync(Conversation("secret question"), new ChatOptions { Instructions = "Be brief." }).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
        Assert.Null(span.GetTagItem("gen_ai.output.messages"));
        Assert.Null(span.GetTagItem("gen_ai.system_instructions"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value is string s && s.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponseAsync_ContentOn_SpecJsonForInputOutputAndInstructions()
    {
        using var capture = new TelemetryCapture();
        using var client = Answering("Torque is 45 Nm.").UseLlmOps(o => o.CaptureMessageContent = true);

        await client.GetResponseAsync(Conversation("Torque for bolt M8?"), new ChatOptions { Instructions = "Be brief." }).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal(
            """[{"role":"system","parts":[{"type":"text","content":"You are the line assistant."}]},{"role":"user","parts":[{"type":"text","content":"Torque for bolt M8?"}]}]""",
            span.GetTagItem("gen_ai.input.messages"));
        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"text","content":"Torque is 45 Nm."}],"finish_reason":"stop"}]""",
            span.GetTagItem("gen_ai.output.messages"));
        Assert.Equal("""[{"type":"text","content":"Be brief."}]""", span.GetTagItem("gen_ai.system_instructions"));
    }

    [Fact]
    public async Task GetResponseAsync_ContentOnWithToolCalls_ToolPartsWritten()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient
        {
            OnResponse = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(
                ChatRole.Assistant,
                [new FunctionCallContent("call-1", "get_machine_status", new Dictionary<string, object?> { ["machine"] = "press-4" })]))
            { FinishReason = ChatFinishReason.ToolCalls }),
        };
        using var client = inner.UseLlmOps(o => o.CaptureMessageContent = true);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "status?"),
            new(ChatRole.Tool, [new FunctionResultContent("call-0", "running")]),
        ];

        await client.GetResponseAsync(messages).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"tool_call","id":"call-1","name":"get_machine_status","arguments":{"machine":"press-4"}}],"finish_reason":"tool_calls"}]""",
            span.GetTagItem("gen_ai.output.messages"));
        Assert.Contains("""{"type":"tool_call_response","id":"call-0","response":"running"}""", (string)span.GetTagItem("gen_ai.input.messages")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ContentOnDefaultRedaction_PiiRemoved()
    {
        using var capture = new TelemetryCapture();
        using var client = Answering("I emailed jane.doe@factory.example and called +49 170 1234567.").UseLlmOps(o => o.CaptureMessageContent = true);

        await client.GetResponseAsync(Conversation("Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, host 10.0.0.12"), new ChatOptions { Instructions = "Contact ops@factory.example" }).WaitAsync(Timeout);

        var span = capture.Single("chat");
        var input = (string)span.GetTagItem("gen_ai.input.messages")!;
        var output = (string)span.GetTagItem("gen_ai.output.messages")!;
        var instructions = (string)span.GetTagItem("gen_ai.system_instructions")!;
        Assert.Contains("Card [REDACTED:CARD], IBAN [REDACTED:IBAN], host [REDACTED:IP]", input, StringComparison.Ordinal);
        Assert.Contains("I emailed [REDACTED:EMAIL] and called [REDACTED:PHONE].", output, StringComparison.Ordinal);
        Assert.Contains("Contact [REDACTED:EMAIL]", instructions, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ContentOnRedactionOff_RawContent()
    {
        using var capture = new TelemetryCapture();
        using var client = Answering("mail jane.doe@factory.example").UseLlmOps(o =>
        {
            o.CaptureMessageContent = true;
            o.RedactPii = false;
        });

        await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Contains("jane.doe@factory.example", (string)span.GetTagItem("gen_ai.output.messages")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ContentUnsetGlobalDefaultOn_ContentCaptured()
    {
        using var capture = new TelemetryCapture();
        var previous = LlmOpsInstrumentation.CaptureMessageContentByDefault;
        LlmOpsInstrumentation.CaptureMessageContentByDefault = true;
        try
        {
            using var client = Answering("fine").UseLlmOps();

            await client.GetResponseAsync("hi").WaitAsync(Timeout);

            Assert.NotNull(capture.Single("chat").GetTagItem("gen_ai.output.messages"));
        }
        finally
        {
            LlmOpsInstrumentation.CaptureMessageContentByDefault = previous;
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" 1 ", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData(null, false)]
    public void ParseFlag_EnvironmentValue_OnlyTrueOrOneEnables(string? value, bool expected)
    {
        Assert.Equal(expected, ContentCapture.ParseFlag(value));
    }
}
