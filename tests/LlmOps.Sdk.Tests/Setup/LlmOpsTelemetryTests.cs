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

    [Fact]
    public void Options_NoEndpoint_DefaultPortFollowsProtocol()
    {
        var endpoint = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        var protocol = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL");
        try
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", null);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            var http = new LlmOpsTelemetryOptions();
            Assert.Equal(LlmOpsOtlpProtocol.HttpProtobuf, http.Protocol);
            Assert.Equal(new Uri("http://localhost:4318"), http.Endpoint);

            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", null);
            var grpc = new LlmOpsTelemetryOptions();
            Assert.Equal(new Uri("http://localhost:4317"), grpc.Endpoint);
            grpc.Protocol = LlmOpsOtlpProtocol.HttpProtobuf;
            Assert.Equal(new Uri("http://localhost:4318"), grpc.Endpoint);
            grpc.Endpoint = new Uri("http://collector:9999");
            Assert.Equal(new Uri("http://collector:9999"), grpc.Endpoint);

            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318");
            Assert.Equal(new Uri("http://otel:4318"), new LlmOpsTelemetryOptions().Endpoint);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", protocol);
        }
    }
}
