using System.Net;
using System.Text.Json;
using LlmOps.Management.Evaluation;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Evaluation.Judge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LlmOps.Management.Tests.Unit;

public sealed class ChatModelTests
{
    [Theory]
    [InlineData("http://127.0.0.1:11434", "http://127.0.0.1:11434/v1/chat/completions")]
    [InlineData("http://127.0.0.1:11434/", "http://127.0.0.1:11434/v1/chat/completions")]
    [InlineData("https://models.example/v1", "https://models.example/v1/chat/completions")]
    [InlineData("https://models.example/openai/v1/chat/completions", "https://models.example/openai/v1/chat/completions")]
    public void ChatUrl_BaseV1OrFullUrl_AllReachTheCompletionsPath(string endpoint, string expected) =>
        Assert.Equal(expected, ChatCompletionsUrl.For(endpoint));

    [Fact]
    public async Task CompleteAsync_OpenAiCompatibleServer_SendsChatRequestAndReadsUsage()
    {
        string? auth = null;
        JsonElement sent = default;
        await using var server = await StartServerAsync(async ctx =>
        {
            auth = ctx.Request.Headers.Authorization.ToString();
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            sent = doc.RootElement.Clone();
            await ctx.Response.WriteAsJsonAsync(new { choices = new[] { new { message = new { role = "assistant", content = "210 bar" } } }, usage = new { prompt_tokens = 42, completion_tokens = 3 } });
        });
        using var model = new OpenAiCompatibleChatModel(new RunModelOptions { Endpoint = server.Url, ApiKey = "sk-test-123" }, TimeProvider.System);
        var response = await model.CompleteAsync(new ChatModelRequest("gpt-4o-mini", "system text", "question", 0.1, 64), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("210 bar", response.Text);
        Assert.Equal(42, response.InputTokens);
        Assert.Equal(3, response.OutputTokens);
        Assert.Equal("Bearer sk-test-123", auth);
        Assert.Equal("gpt-4o-mini", sent.GetProperty("model").GetString());
        Assert.Equal("system", sent.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal(64, sent.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task CompleteAsync_ErrorsAndSlowServer_ThrowChatModelException()
    {
        await using var failing = await StartServerAsync(ctx =>
        {
            ctx.Response.StatusCode = 429;
            return Task.CompletedTask;
        });
        using var model = new OpenAiCompatibleChatModel(new RunModelOptions { Endpoint = failing.Url }, TimeProvider.System);
        var e = await Assert.ThrowsAsync<ChatModelException>(() => model.CompleteAsync(new ChatModelRequest("m", "s", "u", 0, 10), CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("429", e.Message, StringComparison.Ordinal);

        var release = new TaskCompletionSource();
        await using var slow = await StartServerAsync(async ctx => await release.Task.WaitAsync(TimeSpan.FromSeconds(20), ctx.RequestAborted));
        using var timed = new OpenAiCompatibleChatModel(new RunModelOptions { Endpoint = slow.Url, Timeout = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);
        var timeout = await Assert.ThrowsAsync<ChatModelException>(() => timed.CompleteAsync(new ChatModelRequest("m", "s", "u", 0, 10), CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("did not answer", timeout.Message, StringComparison.Ordinal);
        release.TrySetResult();
    }

    [Fact]
    public async Task Fake_SameRequest_DeterministicAndNoiseDegrades()
    {
        var fake = new FakeChatModel();
        var clean = new ChatModelRequest("fake", "s", "q1", 0, 10, "expected answer", "ctx");
        Assert.Equal("expected answer", (await fake.CompleteAsync(clean, CancellationToken.None)).Text);
        var noisy = clean with { Noise = 1.0 };
        Assert.NotEqual("expected answer", (await fake.CompleteAsync(noisy, CancellationToken.None)).Text);
        Assert.Equal((await fake.CompleteAsync(clean, CancellationToken.None)).LatencyMs, (await fake.CompleteAsync(clean, CancellationToken.None)).LatencyMs);
    }

    private static async Task<TestServer> StartServerAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", handler);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, url);
    }

    private sealed class TestServer(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url => url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await app.DisposeAsync();
        }
    }
}
