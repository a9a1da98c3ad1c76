using System.Diagnostics;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Model;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>The real OpenTelemetry .NET OTLP exporter talks to the collector over gRPC (h2c) and HTTP/protobuf.</summary>
public sealed class OtelExporterTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task OtlpExporter_SpansWithEventsLinksAndTypedTags_ArriveExactlyAsSent(OtlpExportProtocol protocol)
    {
        var exporter = new RecordingExporter();
        await using var app = await TestCollector.StartAsync(exporter);
        var sourceName = "llmops.tests." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var endpoint = protocol == OtlpExportProtocol.Grpc
            ? new Uri($"http://127.0.0.1:{app.GrpcPort}")
            : new Uri($"http://127.0.0.1:{app.HttpPort}/v1/traces");
        using var provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource(sourceName)
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("factory-assistant", serviceVersion: "2.1.0"))
            .AddOtlpExporter(o =>
            {
                o.Protocol = protocol;
                o.Endpoint = endpoint;
                o.ExportProcessorType = ExportProcessorType.Batch;
            })
            .Build()!;

        var sent = new List<Activity>();
        var linked = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using (var root = source.StartActivity("invoke_agent assistant", ActivityKind.Internal)!)
        {
            sent.Add(root);
            for (var i = 0; i < 3; i++)
            {
                using var chat = source.StartActivity(ActivityKind.Client, links: [new ActivityLink(linked, new ActivityTagsCollection { ["link.kind"] = "retry-of" })], name: "chat gpt-4o")!;
                sent.Add(chat);
                chat.SetTag("gen_ai.operation.name", "chat");
                chat.SetTag("gen_ai.provider.name", "openai");
                chat.SetTag("gen_ai.request.model", "gpt-4o");
                chat.SetTag("gen_ai.usage.input_tokens", 1000 + i);
                chat.SetTag("gen_ai.usage.output_tokens", 250L);
                chat.SetTag("gen_ai.request.temperature", 0.3);
                chat.SetTag("gen_ai.request.stream", true);
                chat.SetTag("gen_ai.response.finish_reasons", new[] { "stop" });
                chat.SetTag("llmops.retrieval.document_scores", new[] { 0.9, 0.7 });
                chat.AddEvent(new ActivityEvent("gen_ai.choice", tags: new ActivityTagsCollection { ["index"] = 0L, ["finish_reason"] = "stop" }));
                chat.SetStatus(i == 2 ? ActivityStatusCode.Error : ActivityStatusCode.Ok, i == 2 ? "rate limited" : null);
            }
        }

        Assert.True(await Task.Run(() => provider.ForceFlush(20_000)).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await TestCollector.EventuallyAsync(() => exporter.Spans.Count == sent.Count));

        foreach (var activity in sent)
        {
            var span = exporter.Spans.Single(s => s.SpanId == activity.SpanId.ToHexString());
            Assert.Equal(activity.TraceId.ToHexString(), span.TraceId);
            Assert.Equal(activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(), span.ParentSpanId);
            Assert.Equal(activity.DisplayName, span.Name);
            var start = (activity.StartTimeUtc - DateTime.UnixEpoch).Ticks * 100;
            Assert.Equal(start, span.StartTimeUnixNano);
            Assert.Equal(start + (activity.Duration.Ticks * 100), span.EndTimeUnixNano);
            Assert.Equal((SpanKindCode)((int)activity.Kind + 1), span.Kind);
            Assert.Equal("factory-assistant", span.Resource.ServiceName);
            Assert.Equal(sourceName, span.Scope.Name);
        }

        var chats = exporter.Spans.Where(s => s.Name == "chat gpt-4o").OrderBy(s => s.Attributes.Get("gen_ai.usage.input_tokens")!.IntValue).ToList();
        Assert.Equal(3, chats.Count);
        for (var i = 0; i < 3; i++)
        {
            var s = chats[i];
            Assert.Equal(AttrKind.Int, s.Attributes.Get("gen_ai.usage.input_tokens")!.Kind);
            Assert.Equal(1000L + i, s.Attributes.Get("gen_ai.usage.input_tokens")!.IntValue);
            Assert.Equal(AttrKind.Double, s.Attributes.Get("gen_ai.request.temperature")!.Kind);
            Assert.Equal(0.3, s.Attributes.Get("gen_ai.request.temperature")!.DoubleValue);
            Assert.Equal(AttrKind.Bool, s.Attributes.Get("gen_ai.request.stream")!.Kind);
            Assert.Equal(AttrKind.Array, s.Attributes.Get("gen_ai.response.finish_reasons")!.Kind);
            Assert.Equal(["stop"], s.GenAi.FinishReasons);
            var scores = s.Attributes.Get("llmops.retrieval.document_scores")!;
            Assert.Equal([0.9, 0.7], scores.ArrayValue!.Select(v => v.DoubleValue));
            Assert.Equal(AttrKind.Double, scores.ArrayValue![0].Kind);
            var e = Assert.Single(s.Events);
            Assert.Equal("gen_ai.choice", e.Name);
            Assert.Equal(0L, e.Attributes.Get("index")!.IntValue);
            Assert.True(e.TimeUnixNano >= s.StartTimeUnixNano);
            var link = Assert.Single(s.Links);
            Assert.Equal(linked.TraceId.ToHexString(), link.TraceId);
            Assert.Equal(linked.SpanId.ToHexString(), link.SpanId);
            Assert.Equal("retry-of", link.Attributes.GetString("link.kind"));
            Assert.Equal(i == 2 ? StatusCodeValue.Error : StatusCodeValue.Ok, s.StatusCode);
            Assert.Equal(i == 2 ? "rate limited" : string.Empty, s.StatusMessage);
            Assert.True(s.GenAi.IsGenAi);
            Assert.Equal("gpt-4o", s.GenAi.RequestModel);
        }
    }
}
