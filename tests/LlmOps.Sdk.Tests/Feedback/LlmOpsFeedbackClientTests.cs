using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Feedback;
using LlmOps.Sdk.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Sdk.Tests.Feedback;

public sealed class LlmOpsFeedbackClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static LlmOpsResponseReference Target()
    {
        Assert.True(LlmOpsResponseReference.TryParseTraceParent(TraceParent, out var reference));
        return reference;
    }

    private static Dictionary<string, JsonElement> Attributes(JsonElement record) =>
        record.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));

    [Fact]
    public async Task ThumbsUp_CollectorUp_PostsOtlpJsonLogCorrelatedToSpan()
    {
        var requests = new ConcurrentQueue<(string Path, string? ContentType, string? ApiKey, string Body)>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            requests.Enqueue((context.Request.Path, context.Request.ContentType, context.Request.Headers["X-Api-Key"], await reader.ReadToEndAsync()));
            context.Response.StatusCode = 200;
        });
        var options = new LlmOpsFeedbackClientOptions { Endpoint = server.Address, ServiceName = "factory-assistant" };
        options.Headers["X-Api-Key"] = "k-123";
        await using var client = new LlmOpsFeedbackClient(options);

        Assert.True(client.TryRecord(new LlmOpsFeedback(Target())
        {
            Score = 1,
            Label = "positive",
            Comment = "Exactly the torque I needed",
            UserId = "user-7",
            SessionId = "sess-1",
            Kind = "thumbs",
        }));
        await client.FlushAsync().WaitAsync(Timeout);

        var request = Assert.Single(requests);
        Assert.Equal("/v1/logs", request.Path);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("k-123", request.ApiKey);
        using var json = JsonDocument.Parse(request.Body);
        var resourceLogs = json.RootElement.GetProperty("resourceLogs")[0];
        Assert.Equal("factory-assistant", resourceLogs.GetProperty("resource").GetProperty("attributes")[0].GetProperty("value").GetProperty("stringValue").GetString());
        var record = resourceLogs.GetProperty("scopeLogs")[0].GetProperty("logRecords")[0];
        Assert.Equal("gen_ai.evaluation.result", record.GetProperty("eventName").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", record.GetProperty("traceId").GetString());
        Assert.Equal("00f067aa0ba902b7", record.GetProperty("spanId").GetString());
        Assert.True(long.Parse(record.GetProperty("timeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var attributes = Attributes(record);
        Assert.Equal("gen_ai.evaluation.result", attributes["event.name"].GetProperty("stringValue").GetString());
        Assert.Equal("user_feedback", attributes["gen_ai.evaluation.name"].GetProperty("stringValue").GetString());
        Assert.Equal(1.0, attributes["gen_ai.evaluation.score.value"].GetProperty("doubleValue").GetDouble());
        Assert.Equal("positive", attributes["gen_ai.evaluation.score.label"].GetProperty("stringValue").GetString());
        Assert.Equal("Exactly the torque I needed", attributes["gen_ai.evaluation.explanation"].GetProperty("stringValue").GetString());
        Assert.Equal("user-7", attributes["user.id"].GetProperty("stringValue").GetString());
        Assert.Equal("sess-1", attributes["session.id"].GetProperty("stringValue").GetString());
        Assert.Equal(1, client.SentCount);
    }

    [Fact]
    public async Task ThumbsDown_ByResponseIdOnly_RecordsResponseIdAndNoTraceIds()
    {
        var bodies = new ConcurrentQueue<string>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            bodies.Enqueue(await reader.ReadToEndAsync());
        });
        await using var client = new LlmOpsFeedbackClient(new LlmOpsFeedbackClientOptions { Endpoint = server.Address });

        Assert.True(client.ThumbsDown(LlmOpsResponseReference.FromResponseId("chatcmpl-42"), "wrong machine"));
        await client.FlushAsync().WaitAsync(Timeout);

        using var json = JsonDocument.Parse(Assert.Single(bodies));
        var record = json.RootElement.GetProperty("resourceLogs")[0].GetProperty("scopeLogs")[0].GetProperty("logRecords")[0];
        Assert.False(record.TryGetProperty("traceId", out _));
        var attributes = Attributes(record);
        Assert.Equal("chatcmpl-42", attributes["gen_ai.response.id"].GetProperty("stringValue").GetString());
        Assert.Equal(0.0, attributes["gen_ai.evaluation.score.value"].GetProperty("doubleValue").GetDouble());
        Assert.Equal("negative", attributes["gen_ai.evaluation.score.label"].GetProperty("stringValue").GetString());
        Assert.Equal("thumbs", attributes["llmops.feedback.kind"].GetProperty("stringValue").GetString());
    }

    [Fact]
    public async Task Score_ServerFailsOnceThenAccepts_RetriedAndSent()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        await using var client = new LlmOpsFeedbackClient(new LlmOpsFeedbackClientOptions { Endpoint = server.Address, RetryDelay = TimeSpan.FromMilliseconds(1) });

        Assert.True(client.Score(Target(), 4, comment: "good"));
        await client.FlushAsync().WaitAsync(Timeout);

        Assert.Equal(2, calls);
        Assert.Equal(1, client.SentCount);
        Assert.Equal(0, client.FailedCount);
    }

    [Fact]
    public async Task ThumbsUp_CollectorDown_NeverThrowsAndCountsFailure()
    {
        var before = LlmOpsInstrumentation.TelemetryFailureCount;
        await using var client = new LlmOpsFeedbackClient(new LlmOpsFeedbackClientOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{ClosedPort()}"),
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });

        Assert.True(client.ThumbsUp(Target()));
        await client.FlushAsync().WaitAsync(Timeout);

        Assert.Equal(1, client.FailedCount);
        Assert.Equal(0, client.SentCount);
        Assert.True(LlmOpsInstrumentation.TelemetryFailureCount > before);
    }

    [Fact]
    public async Task TryRecord_QueueFull_ReturnsFalseAndCountsDrop()
    {
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            firstArrived.TrySetResult();
            await release.Task;
        });
        await using var client = new LlmOpsFeedbackClient(new LlmOpsFeedbackClientOptions { Endpoint = server.Address, QueueCapacity = 1, MaxBatchSize = 1 });

        Assert.True(client.ThumbsUp(Target()));
        await firstArrived.Task.WaitAsync(Timeout);
        Assert.True(client.ThumbsUp(Target()));
        var third = client.ThumbsUp(Target());
        release.SetResult();
        await client.FlushAsync().WaitAsync(Timeout);

        Assert.False(third);
        Assert.Equal(1, client.DroppedCount);
        Assert.Equal(2, client.SentCount);
    }

    [Fact]
    public async Task TryRecord_AfterDispose_ReturnsFalse()
    {
        var client = new LlmOpsFeedbackClient(new LlmOpsFeedbackClientOptions { Endpoint = new Uri($"http://127.0.0.1:{ClosedPort()}") });
        await client.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.False(client.ThumbsUp(Target()));
        Assert.Equal(1, client.DroppedCount);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task ThumbsUp_HandlerThrowsUnexpectedException_CountedAsFailedSenderKeepsRunningFlushAndDisposeComplete()
    {
        var handler = new ThrowingHandler();
        using var http = new HttpClient(handler);
        var client = new LlmOpsFeedbackClient(new LlmOpsFeedbackClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:9"),
            HttpClient = http,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });

        Assert.True(client.ThumbsUp(Target()));
        await client.FlushAsync().WaitAsync(Timeout);
        Assert.True(client.ThumbsDown(Target()));
        await client.FlushAsync().WaitAsync(Timeout);

        Assert.Equal(2, client.FailedCount);
        Assert.Equal(0, client.SentCount);
        Assert.Equal(2, handler.Calls);
        await client.DisposeAsync().AsTask().WaitAsync(Timeout);
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("handler misconfigured");
        }
    }
}
