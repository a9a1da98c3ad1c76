using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Tests.Evaluation.Engine;

/// <summary>A real OpenAI-compatible endpoint on loopback whose answers each test scripts.</summary>
internal sealed class FakeJudgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeJudgeServer(WebApplication app) => _app = app;

    public int Calls => Volatile.Read(ref _calls);

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeJudgeServer> StartAsync(Func<int, HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeJudgeServer(app);
        app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            var n = Interlocked.Increment(ref server._calls);
            await handler(n, ctx);
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public static string Completion(string content) =>
        System.Text.Json.JsonSerializer.Serialize(new { id = "c1", @object = "chat.completion", choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } } });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
