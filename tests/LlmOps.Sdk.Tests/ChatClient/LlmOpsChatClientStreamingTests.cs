using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Tests.ChatClient;

[Collection(TelemetryCollection.Name)]
public sealed class LlmOpsChatClientStreamingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static async IAsyncEnumerable<ChatResponseUpdate> TimedUpdates(ManualTimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        time.Advance(TimeSpan.FromMilliseconds(300));
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "Check ") { ResponseId = "r-1", ModelId = "gpt-test-2026-01" };
        time.Advance(TimeSpan.FromMilliseconds(30));
        cancellationToken.ThrowIfCancellationRequested();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "the oil.") { ResponseId = "r-1" };
        time.Advance(TimeSpan.FromMilliseconds(50));
        yield return new ChatResponseUpdate
        {
            ResponseId = "r-1",
            FinishReason = ChatFinishReason.Length,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 11, OutputTokenCount = 3, CachedInputTokenCount = 2 })],
        };
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Streaming_SpanHasStreamTtfcUsageAndFinishReason()
    {
        using var capture = new TelemetryCapture();
        var time = new ManualTimeProvider();
        var inner = new FakeChatClient { OnStream = (_, _, ct) => TimedUpdates(time, ct) };
        using var client = inner.UseLlmOps(o => o.TimeProvider = time);

        var updates = await client.GetStreamingResponseAsync("oil?").ToListAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(3, updates.Count);
        var span = capture.Single("chat");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(true, span.GetTagItem("gen_ai.request.stream"));
        Assert.Equal(0.3, (double)span.GetTagItem("gen_ai.response.time_to_first_chunk")!, 6);
        Assert.Equal("r-1", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal("gpt-test-2026-01", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(new[] { "length" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(11L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(3L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(2L, span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Streaming_ChunkMetricsUseSpecBucketsAndValues()
    {
        using var capture = new TelemetryCapture();
        var time = new ManualTimeProvider();
        using var client = new FakeChatClient { OnStream = (_, _, ct) => TimedUpdates(time, ct) }.UseLlmOps(o => o.TimeProvider = time);

        await client.GetStreamingResponseAsync("oil?").ToListAsync().AsTask().WaitAsync(Timeout);

        var points = capture.CollectMetrics();
        double[] expectedBounds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, double.PositiveInfinity];
        var ttfc = Assert.Single(points, p => p.Name == "gen_ai.client.operation.time_to_first_chunk");
        Assert.Equal("s", ttfc.Unit);
        Assert.Equal(expectedBounds, ttfc.Bounds);
        Assert.Equal(1, ttfc.Count);
        Assert.Equal(0.3, ttfc.Sum, 6);
        Assert.Equal(1, ttfc.BucketCounts[5]);
        Assert.Equal("chat", ttfc.Tags["gen_ai.operation.name"]);
        Assert.Equal("openai", ttfc.Tags["gen_ai.provider.name"]);

        var perChunk = Assert.Single(points, p => p.Name == "gen_ai.client.operation.time_per_output_chunk");
        Assert.Equal(expectedBounds, perChunk.Bounds);
        // The trailing usage-only update is not an output chunk: only "the oil." (30 ms after "Check ") counts.
        Assert.Equal(1, perChunk.Count);
        Assert.Equal(0.03, perChunk.Sum, 6);

        var tokens = points.Where(p => p.Name == "gen_ai.client.token.usage").ToList();
        Assert.Equal(11, tokens.Single(p => (string?)p.Tags["gen_ai.token.type"] == "input").Sum);
        Assert.Equal(3, tokens.Single(p => (string?)p.Tags["gen_ai.token.type"] == "output").Sum);
        var duration = Assert.Single(points, p => p.Name == "gen_ai.client.operation.duration");
        Assert.Equal(0.38, duration.Sum, 6);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InnerThrowsMidStream_ErrorRecordedAndRethrown()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient { OnStream = (_, _, _) => FailingStream() };
        using var client = inner.UseLlmOps();
        var received = 0;

        await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi").WithCancellation(CancellationToken.None))
            {
                received++;
            }
        }).WaitAsync(Timeout);

        Assert.Equal(1, received);
        var span = capture.Single("chat");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.IO.IOException", span.GetTagItem("error.type"));
        var duration = Assert.Single(capture.CollectMetrics(), p => p.Name == "gen_ai.client.operation.duration");
        Assert.Equal("System.IO.IOException", duration.Tags["error.type"]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Cancelled_ErrorTypeIsCancellation()
    {
        using var capture = new TelemetryCapture();
        var time = new ManualTimeProvider();
        using var client = new FakeChatClient { OnStream = (_, _, ct) => TimedUpdates(time, ct) }.UseLlmOps();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi", cancellationToken: cts.Token))
            {
                await cts.CancelAsync();
            }
        }).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.OperationCanceledException", span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConsumerStopsEarly_SpanStillEnded()
    {
        using var capture = new TelemetryCapture();
        var time = new ManualTimeProvider();
        using var client = new FakeChatClient { OnStream = (_, _, ct) => TimedUpdates(time, ct) }.UseLlmOps();

        await foreach (var update in client.GetStreamingResponseAsync("hi").WithCancellation(CancellationToken.None))
        {
            break;
        }

        var span = capture.Single("chat");
        Assert.Equal("r-1", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AttachResponseReference_FirstUpdateAndScopeCarryReference()
    {
        using var capture = new TelemetryCapture();
        var time = new ManualTimeProvider();
        using var client = new FakeChatClient { OnStream = (_, _, ct) => TimedUpdates(time, ct) }.UseLlmOps(o => o.AttachResponseReference = true);
        using var scope = LlmOpsContext.BeginScope("s1", "u1");

        var updates = await client.GetStreamingResponseAsync("hi").ToListAsync().AsTask().WaitAsync(Timeout);

        var span = capture.Single("chat");
        var merged = updates.ToChatResponse();
        var reference = merged.GetLlmOpsReference();
        Assert.NotNull(reference);
        Assert.Equal(span.SpanId.ToHexString(), reference.SpanId);
        Assert.Equal(span.TraceId.ToHexString(), scope.LastResponse?.TraceId);
        Assert.Equal("r-1", scope.LastResponse?.ResponseId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ContentOn_OutputMessagesMergedFromUpdates()
    {
        using var capture = new TelemetryCapture();
        var time = new ManualTimeProvider();
        using var client = new FakeChatClient { OnStream = (_, _, ct) => TimedUpdates(time, ct) }.UseLlmOps(o => o.CaptureMessageContent = true);

        await client.GetStreamingResponseAsync("hi").ToListAsync().AsTask().WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"text","content":"Check the oil."}],"finish_reason":"length"}]""",
            span.GetTagItem("gen_ai.output.messages"));
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> FailingStream()
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "partial");
        throw new IOException("connection reset");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EveryInnerStep_SeesChatSpanWhileConsumerSeesItsOwn()
    {
        using var capture = new TelemetryCapture();
        using var app = new AppActivities("LlmOps.Sdk.Tests.Streaming");
        var innerSaw = new List<string?>();
        async IAsyncEnumerable<ChatResponseUpdate> Stream()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                innerSaw.Add(Activity.Current?.DisplayName);
                yield return new ChatResponseUpdate(ChatRole.Assistant, "part " + i);
            }
        }

        using var client = new FakeChatClient { OnStream = (_, _, _) => Stream() }.UseLlmOps();
        var consumerSaw = new List<string?>();
        using (var request = app.Source.StartActivity("handle request"))
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi").WithCancellation(CancellationToken.None))
            {
                consumerSaw.Add(Activity.Current?.DisplayName);
                await Task.Yield();
            }

            Assert.Same(request, Activity.Current);
        }

        Assert.Equal(["chat gpt-test", "chat gpt-test", "chat gpt-test"], innerSaw);
        Assert.Equal(["handle request", "handle request", "handle request"], consumerSaw);
        Assert.True(capture.Single("chat").IsStopped);
    }
}
