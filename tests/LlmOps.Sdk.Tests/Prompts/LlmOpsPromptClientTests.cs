using System.Net;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Tests.TestSupport;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class LlmOpsPromptClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly LlmOpsPrompt EmbeddedDefault = new("maintenance-assistant", "Default: help {{role}}.");

    private static LlmOpsPromptClient Client(Uri address, ManualTimeProvider time, string? apiKey = null) => new(new LlmOpsPromptClientOptions
    {
        BaseAddress = address,
        ApiKey = apiKey,
        TimeProvider = time,
        CacheDuration = TimeSpan.FromSeconds(60),
        RequestTimeout = TimeSpan.FromSeconds(5),
    });

    [Fact]
    public async Task GetPromptAsync_ByLabel_ParsesRegistryResponseAndSendsApiKey()
    {
        var registry = new FakePromptRegistry();
        await using var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        using var client = Client(server.Address, new ManualTimeProvider(), apiKey: "secret-key");

        var prompt = await client.GetPromptAsync("maintenance-assistant", "production").WaitAsync(Timeout);

        Assert.Equal("maintenance-assistant", prompt.Name);
        Assert.Equal(3, prompt.Version);
        Assert.Equal(["production"], prompt.Labels);
        Assert.Equal("production", prompt.Label);
        Assert.Equal(["role", "line"], prompt.Variables);
        Assert.Equal(0.2, prompt.Config!.Value.GetProperty("temperature").GetDouble());
        Assert.Equal(LlmOpsPromptSource.Registry, prompt.Source);
        var request = Assert.Single(registry.Requests);
        Assert.Equal("/api/v1/prompts/maintenance-assistant/resolve", request.Path);
        Assert.Equal("?label=production", request.Query);
        Assert.Equal("secret-key", request.ApiKey);
        Assert.Null(request.IfNoneMatch);
    }

    [Fact]
    public async Task GetPromptVersionAsync_ByVersion_QueriesVersion()
    {
        var registry = new FakePromptRegistry();
        await using var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        using var client = Client(server.Address, new ManualTimeProvider());

        var prompt = await client.GetPromptVersionAsync("maintenance-assistant", 3).WaitAsync(Timeout);

        Assert.Equal(3, prompt.Version);
        Assert.Null(prompt.Label);
        Assert.Equal("?version=3", Assert.Single(registry.Requests).Query);
    }

    [Fact]
    public async Task GetPromptAsync_WithinCacheDuration_ServedFromCacheWithoutRequest()
    {
        var registry = new FakePromptRegistry();
        await using var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        var time = new ManualTimeProvider();
        using var client = Client(server.Address, time);

        await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);
        time.Advance(TimeSpan.FromSeconds(59));
        var second = await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);

        Assert.Equal(LlmOpsPromptSource.Cache, second.Source);
        Assert.Single(registry.Requests);
    }

    [Fact]
    public async Task GetPromptAsync_AfterCacheDuration_RevalidatesWithETagAndKeepsCopyOn304()
    {
        var registry = new FakePromptRegistry();
        await using var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        var time = new ManualTimeProvider();
        using var client = Client(server.Address, time);

        var first = await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);
        time.Advance(TimeSpan.FromSeconds(61));
        var second = await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);

        Assert.Equal(LlmOpsPromptSource.Registry, second.Source);
        Assert.Equal(first.Template, second.Template);
        var requests = registry.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("\"v3\"", requests[1].IfNoneMatch);
    }

    [Fact]
    public async Task GetPromptAsync_NewVersionPublished_ReplacesCachedCopy()
    {
        var registry = new FakePromptRegistry();
        await using var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        var time = new ManualTimeProvider();
        using var client = Client(server.Address, time);

        await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);
        registry.Version = 4;
        registry.Template = "v4 for {{role}}";
        time.Advance(TimeSpan.FromSeconds(61));
        var updated = await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);

        Assert.Equal(4, updated.Version);
        Assert.Equal("v4 for {{role}}", updated.Template);
    }

    [Fact]
    public async Task GetPromptAsync_CollectorDown_ServesLastKnownGood()
    {
        var registry = new FakePromptRegistry();
        var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        var time = new ManualTimeProvider();
        using var client = Client(server.Address, time);
        await client.GetPromptAsync("maintenance-assistant", defaultPrompt: EmbeddedDefault).WaitAsync(Timeout);

        await server.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        var prompt = await client.GetPromptAsync("maintenance-assistant", defaultPrompt: EmbeddedDefault).WaitAsync(Timeout);

        Assert.Equal(LlmOpsPromptSource.LastKnownGood, prompt.Source);
        Assert.Equal(3, prompt.Version);
    }

    [Fact]
    public async Task GetPromptAsync_CollectorFailing_ServesLastKnownGood()
    {
        var registry = new FakePromptRegistry();
        await using var server = await LoopbackServer.StartAsync(registry.HandleAsync);
        var time = new ManualTimeProvider();
        using var client = Client(server.Address, time);
        await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);

        registry.StatusOverride = 503;
        time.Advance(TimeSpan.FromMinutes(5));
        var prompt = await client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout);

        Assert.Equal(LlmOpsPromptSource.LastKnownGood, prompt.Source);
    }

    [Fact]
    public async Task GetPromptAsync_CollectorDownWithoutCache_ServesEmbeddedDefault()
    {
        var server = await LoopbackServer.StartAsync(new FakePromptRegistry().HandleAsync);
        var address = server.Address;
        await server.DisposeAsync();
        using var client = Client(address, new ManualTimeProvider());

        var prompt = await client.GetPromptAsync("maintenance-assistant", "test", EmbeddedDefault).WaitAsync(Timeout);

        Assert.Equal(LlmOpsPromptSource.EmbeddedDefault, prompt.Source);
        Assert.Equal("Default: help {{role}}.", prompt.Template);
        Assert.Equal("test", prompt.Label);
    }

    [Fact]
    public async Task GetPromptAsync_CollectorDownWithoutCacheOrDefault_Throws()
    {
        var server = await LoopbackServer.StartAsync(new FakePromptRegistry().HandleAsync);
        var address = server.Address;
        await server.DisposeAsync();
        using var client = Client(address, new ManualTimeProvider());

        await Assert.ThrowsAsync<LlmOpsPromptException>(() => client.GetPromptAsync("maintenance-assistant").WaitAsync(Timeout));
    }

    [Fact]
    public async Task GetPromptAsync_NotFound_ServesDefaultOrThrows()
    {
        await using var server = await LoopbackServer.StartAsync(new FakePromptRegistry().HandleAsync);
        using var client = Client(server.Address, new ManualTimeProvider());

        var prompt = await client.GetPromptAsync("unknown", defaultPrompt: new LlmOpsPrompt("unknown", "fallback")).WaitAsync(Timeout);

        Assert.Equal(LlmOpsPromptSource.EmbeddedDefault, prompt.Source);
        await Assert.ThrowsAsync<LlmOpsPromptException>(() => client.GetPromptAsync("unknown").WaitAsync(Timeout));
    }

    [Fact]
    public async Task GetPromptAsync_CallerCancels_Throws()
    {
        await using var server = await LoopbackServer.StartAsync(new FakePromptRegistry().HandleAsync);
        using var client = Client(server.Address, new ManualTimeProvider());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetPromptAsync("maintenance-assistant", defaultPrompt: EmbeddedDefault, cancellationToken: cts.Token).WaitAsync(Timeout));
    }

    [Fact]
    public async Task GetPromptAsync_CollectorHangs_OneFetchAtATimeThenFallbackServedAtOnceDuringBackoff()
    {
        var handler = new HangingHandler();
        using var http = new HttpClient(handler);
        var time = new ManualTimeProvider();
        using var client = new LlmOpsPromptClient(new LlmOpsPromptClientOptions
        {
            BaseAddress = new Uri("http://127.0.0.1:9"),
            HttpClient = http,
            TimeProvider = time,
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            FailureBackoff = TimeSpan.FromSeconds(10),
        });

        var first = await Task.WhenAll(
            client.GetPromptAsync("maintenance-assistant", defaultPrompt: EmbeddedDefault),
            client.GetPromptAsync("maintenance-assistant", defaultPrompt: EmbeddedDefault)).WaitAsync(Timeout);
        Assert.All(first, p => Assert.Equal(LlmOpsPromptSource.EmbeddedDefault, p.Source));
        Assert.Equal(1, handler.Calls);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            var prompt = await client.GetPromptAsync("maintenance-assistant", defaultPrompt: EmbeddedDefault).WaitAsync(Timeout);
            Assert.Equal(LlmOpsPromptSource.EmbeddedDefault, prompt.Source);
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(250), $"took {stopwatch.Elapsed}");
        Assert.Equal(1, handler.Calls);

        time.Advance(TimeSpan.FromSeconds(11));
        await client.GetPromptAsync("maintenance-assistant", defaultPrompt: EmbeddedDefault).WaitAsync(Timeout);
        Assert.Equal(2, handler.Calls);
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
