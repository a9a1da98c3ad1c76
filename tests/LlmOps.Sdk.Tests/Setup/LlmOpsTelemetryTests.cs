using System.Collections.Concurrent;
using System.Text;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.OpenTelemetry;
using LlmOps.Sdk.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Tests.Setup;

[Collection(TelemetryCollection.Name)]
public sealed class LlmOpsTelemetryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_HttpProtobuf_ExportsTracesMetricsLogsAndFeedbackToCollector()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            received.Enqueue((context.Request.Path, context.Request.ContentType, buffer.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });

        var telemetry = LlmOpsTelemetry.Start(o =>
        {
            o.Endpoint = server.Address;
            o.Protocol = LlmOpsOtlpProtocol.HttpProtobuf;
            o.ServiceName = "setup-test";
        });
        await using (telemetry)
        {
            using var client = new FakeChatClient().UseLlmOps();
            using var scope = LlmOpsContext.BeginScope("sess-setup", "user-setup");
            await client.GetResponseAsync("hi").WaitAsync(Timeout);
            telemetry.LoggerFactory.CreateLogger("setup-test").LogInformation("assistant answered");
            Assert.True(telemetry.Feedback.ThumbsUp(scope.LastResponse!));
        }

        string Text(string path) => string.Join('\n', received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));
        Assert.Contains("gen_ai.operation.name", Text("/v1/traces"), StringComparison.Ordinal);
        Assert.Contains("sess-setup", Text("/v1/traces"), StringComparison.Ordinal);
        Assert.Contains("setup-test", Text("/v1/traces"), StringComparison.Ordinal);
        Assert.Contains("gen_ai.client.operation.duration", Text("/v1/metrics"), StringComparison.Ordinal);
        Assert.Contains("assistant answered", Text("/v1/logs"), StringComparison.Ordinal);
        Assert.Contains(received, r => r.Path == "/v1/logs" && r.ContentType == "application/json"
            && Encoding.UTF8.GetString(r.Body).Contains("gen_ai.evaluation.result", StringComparison.Ordinal));
        Assert.Contains(received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf");
    }

    [Theory]
    [InlineData("http://collector:4317", LlmOpsOtlpProtocol.Grpc, "http://collector:4318/")]
    [InlineData("http://collector:4318", LlmOpsOtlpProtocol.HttpProtobuf, "http://collector:4318/")]
    [InlineData("http://collector:9000", LlmOpsOtlpProtocol.Grpc, "http://collector:9000/")]
    public void FeedbackEndpointFor_Protocol_DerivesOtlpHttpAddress(string endpoint, LlmOpsOtlpProtocol protocol, string expected)
    {
        var options = new LlmOpsTelemetryOptions { Endpoint = new Uri(endpoint), Protocol = protocol };

        Assert.Equal(new Uri(expected), LlmOpsTelemetry.FeedbackEndpointFor(options));
    }

    [Fact]
    public void ParseHeaders_OtlpHeaderString_SplitsPairs()
    {
        var headers = LlmOpsTelemetry.ParseHeaders("X-Api-Key=abc, tenant = plant%203 ,broken").ToList();

        Assert.Equal([("X-Api-Key", "abc"), ("tenant", "plant 3")], headers);
    }
}
