using LlmOps.Sdk.Context;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Tests.TestSupport;

namespace LlmOps.Sdk.Tests.Prompts;

[Collection(TelemetryCollection.Name)]
public sealed class LlmOpsPromptTests
{
    [Fact]
    public void Render_Variables_ReplacedWithInvariantFormatting()
    {
        var prompt = new LlmOpsPrompt("p", "Help {{role}} on line {{ line }} at {{temp}} °C.");

        var text = prompt.Render(new Dictionary<string, object?> { ["role"] = "operators", ["line"] = 4, ["temp"] = 21.5 });

        Assert.Equal("Help operators on line 4 at 21.5 °C.", text);
    }

    [Fact]
    public void Render_MissingVariable_PlaceholderKept()
    {
        var prompt = new LlmOpsPrompt("p", "Hello {{name}}, see {{doc}}");

        Assert.Equal("Hello Ada, see {{doc}}", prompt.Render(new Dictionary<string, object?> { ["name"] = "Ada" }));
    }

    [Fact]
    public void Constructor_Template_VariablesDiscovered()
    {
        var prompt = new LlmOpsPrompt("p", "{{a}} {{ b }} {{a}} {{unclosed");

        Assert.Equal(["a", "b"], prompt.Variables);
        Assert.Equal(LlmOpsPromptSource.EmbeddedDefault, prompt.Source);
    }

    [Fact]
    public async Task UsePrompt_InScope_ChatSpanRecordsPromptNameVersionLabel()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps();
        var registry = new FakePromptRegistry { Version = 7 };
        await using var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        using var prompts = new LlmOpsPromptClient(new LlmOpsPromptClientOptions { BaseAddress = server.Address });
        var prompt = await prompts.GetPromptAsync("maintenance-assistant", "production").WaitAsync(TimeSpan.FromSeconds(10));
        using var scope = LlmOpsContext.BeginScope("s", "u").UsePrompt(prompt);

        await Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(client, prompt.Render(new Dictionary<string, object?> { ["role"] = "fitters", ["line"] = 2 })).WaitAsync(TimeSpan.FromSeconds(10));

        var span = capture.Single("chat");
        Assert.Equal("maintenance-assistant", span.GetTagItem("gen_ai.prompt.name"));
        Assert.Equal("7", span.GetTagItem("gen_ai.prompt.version"));
        Assert.Equal("production", span.GetTagItem("llmops.prompt.label"));
    }
}
