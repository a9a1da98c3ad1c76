using LlmOps.Sdk.Context;
using LlmOps.Sdk.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Tests.ChatClient;

[Collection(TelemetryCollection.Name)]
public sealed class LlmOpsChatClientMetricsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static FakeChatClient TimedInner(ManualTimeProvider time, TimeSpan latency, long input = 300, long output = 5000) => new()
    {
        OnResponse = (_, _, _) =>
        {
            time.Advance(latency);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
            {
                ModelId = "gpt-test-2026-01",
                Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output },
            });
        },
    };

    [Fact]
    public async Task GetResponseAsync_TokenUsage_SpecUnitBucketsAndTokenTypes()
    {
        using var capture = new TelemetryCapture(traces: false);
        var time = new ManualTimeProvider();
        using var client = TimedInner(time, TimeSpan.FromMilliseconds(100)).UseLlmOps(o => o.TimeProvider = time);

        await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var tokens = capture.CollectMetrics().Where(p => p.Name == "gen_ai.client.token.usage").ToList();
        Assert.Equal(2, tokens.Count);
        double[] expectedBounds = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, double.PositiveInfinity];
        var input = tokens.Single(p => (string?)p.Tags["gen_ai.token.type"] == "input");
        var output = tokens.Single(p => (string?)p.Tags["gen_ai.token.type"] == "output");
        Assert.Equal("{token}", input.Unit);
        Assert.Equal(expectedBounds, input.Bounds);
        Assert.Equal(300, input.Sum);
        Assert.Equal(1, input.BucketCounts[5]);
        Assert.Equal(5000, output.Sum);
        Assert.Equal(1, output.BucketCounts[7]);
        Assert.Equal("chat", input.Tags["gen_ai.operation.name"]);
        Assert.Equal("openai", input.Tags["gen_ai.provider.name"]);
        Assert.Equal("gpt-test", input.Tags["gen_ai.request.model"]);
        Assert.Equal("gpt-test-2026-01", input.Tags["gen_ai.response.model"]);
        Assert.Equal("api.example.test", input.Tags["server.address"]);
        Assert.Equal(8443, input.Tags["server.port"]);
    }

    [Fact]
    public async Task GetResponseAsync_Duration_SpecUnitBucketsAndValue()
    {
        using var capture = new TelemetryCapture(traces: false);
        var time = new ManualTimeProvider();
        using var client = TimedInner(time, TimeSpan.FromMilliseconds(1500)).UseLlmOps(o => o.TimeProvider = time);

        await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var duration = Assert.Single(capture.CollectMetrics(), p => p.Name == "gen_ai.client.operation.duration");
        double[] expectedBounds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, double.PositiveInfinity];
        Assert.Equal("s", duration.Unit);
        Assert.Equal(expectedBounds, duration.Bounds);
        Assert.Equal(1.5, duration.Sum, 6);
        Assert.Equal(1, duration.BucketCounts[8]);
        Assert.False(duration.Tags.ContainsKey("error.type"));
        Assert.False(duration.Tags.ContainsKey("user.id"));
    }

    [Fact]
    public async Task GetResponseAsync_Error_DurationHasErrorTypeAndNoTokens()
    {
        using var capture = new TelemetryCapture(traces: false);
        using var client = new FakeChatClient { OnResponse = (_, _, _) => Task.FromException<ChatResponse>(new TimeoutException()) }.UseLlmOps();

        await Assert.ThrowsAsync<TimeoutException>(() => client.GetResponseAsync("hi").WaitAsync(Timeout));

        var points = capture.CollectMetrics();
        var duration = Assert.Single(points, p => p.Name == "gen_ai.client.operation.duration");
        Assert.Equal("System.TimeoutException", duration.Tags["error.type"]);
        Assert.DoesNotContain(points, p => p.Name == "gen_ai.client.token.usage");
    }

    [Fact]
    public async Task GetResponseAsync_DimensionsOptedIn_UserSessionPromptOnMetrics()
    {
        using var capture = new TelemetryCapture(traces: false);
        var time = new ManualTimeProvider();
        using var client = TimedInner(time, TimeSpan.FromMilliseconds(10)).UseLlmOps(o =>
        {
            o.TimeProvider = time;
            o.MetricDimensions = LlmOpsMetricDimensions.All;
        });
        using var scope = LlmOpsContext.BeginScope("sess-1", "user-7");
        scope.PromptName = "triage";
        scope.PromptVersion = "4";

        await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var points = capture.CollectMetrics().Where(p => p.Name.StartsWith("gen_ai.client.", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal("user-7", p.Tags["user.id"]);
            Assert.Equal("sess-1", p.Tags["session.id"]);
            Assert.Equal("triage", p.Tags["gen_ai.prompt.name"]);
            Assert.Equal("4", p.Tags["gen_ai.prompt.version"]);
        });
    }

    [Fact]
    public async Task GetResponseAsync_DimensionsNotOptedIn_NoUserOrSessionOnMetrics()
    {
        using var capture = new TelemetryCapture(traces: false);
        var time = new ManualTimeProvider();
        using var client = TimedInner(time, TimeSpan.FromMilliseconds(10)).UseLlmOps(o => o.TimeProvider = time);
        using var scope = LlmOpsContext.BeginScope("sess-1", "user-7");

        await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var points = capture.CollectMetrics().Where(p => p.Name.StartsWith("gen_ai.client.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(points);
        Assert.All(points, p =>
        {
            Assert.False(p.Tags.ContainsKey("user.id"));
            Assert.False(p.Tags.ContainsKey("session.id"));
        });
    }

    [Fact]
    public async Task GetResponseAsync_MetricsOnlyListener_MetricsRecordedWithoutSpan()
    {
        using var capture = new TelemetryCapture(traces: false);
        using var client = new FakeChatClient().UseLlmOps();

        var response = await client.GetResponseAsync("hi").WaitAsync(Timeout);

        Assert.Empty(capture.Activities);
        Assert.Null(response.AdditionalProperties);
        Assert.Single(capture.CollectMetrics(), p => p.Name == "gen_ai.client.operation.duration");
    }
}
