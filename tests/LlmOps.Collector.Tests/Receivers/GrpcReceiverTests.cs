using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using LlmOps.Protos.Collector.Logs.V1;
using LlmOps.Protos.Collector.Metrics.V1;
using LlmOps.Protos.Collector.Trace.V1;
using Xunit;

namespace LlmOps.Collector.Tests.Receivers;

public sealed class GrpcReceiverTests : IAsyncLifetime
{
    private readonly RecordingExporter _exporter = new();
    private readonly GrpcTestClient _client = new();
    private Hosting.CollectorApp _app = null!;

    public async Task InitializeAsync() => _app = await TestCollector.StartAsync(_exporter, o => o.MaxRequestBodyBytes = 256 * 1024);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Export_GenAiSpans_EveryFieldArrivesTyped()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(3).ToByteArray());

        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(0, result.GrpcStatus);
        Assert.False(result.TrailersOnly);
        var response = ExportTraceServiceResponse.Parser.ParseFrom(result.Message);
        Assert.Null(response.PartialSuccess);
        Assert.Equal(3, _exporter.Spans.Count);
        for (var i = 0; i < 3; i++)
        {
            SpanAssert.IsGenAiSpan(_exporter.Spans.Single(s => s.SpanId == OtlpSamples.Hex(OtlpSamples.SpanId(i))), i);
        }
    }

    [Fact]
    public async Task Export_GzipCompressedMessage_Decoded()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(5).ToByteArray(), gzip: true);

        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal(5, _exporter.Spans.Count);
    }

    [Fact]
    public async Task Export_TruncatedGzipMessage_InvalidArgumentAndNothingStored()
    {
        // The cut message inflates to a complete request of 3 spans: only the gzip trailer tells it is not all.
        var payload = HttpOtlp.GzipCutAfter(OtlpSamples.Traces(3).ToByteArray(), OtlpSamples.Traces(3, offset: 3).ToByteArray());
        var frame = new byte[5 + payload.Length];
        frame[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));

        var result = await _client.SendAsync(_app.GrpcPort, GrpcTestClient.TracePath, frame, grpcEncoding: "gzip");

        Assert.Equal(3, result.GrpcStatus);
        Assert.Contains("not valid gzip", result.GrpcMessage, StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task Export_MalformedProtobuf_InvalidArgumentWithMessageAndKeepsServing()
    {
        var result = await _client.SendAsync(_app.GrpcPort, GrpcTestClient.TracePath, GrpcTestClient.Frame([0x0a, 0xff, 0xff, 0x01, 0x02], gzip: false));

        Assert.Equal(200, result.HttpStatus);
        Assert.True(result.TrailersOnly);
        Assert.Equal(3, result.GrpcStatus);
        Assert.Contains("malformed protobuf", result.GrpcMessage, StringComparison.Ordinal);

        var next = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(1).ToByteArray());
        Assert.Equal(0, next.GrpcStatus);
        Assert.Single(_exporter.Spans);
    }

    [Fact]
    public async Task Export_FrameLengthMismatch_InvalidArgument()
    {
        var frame = GrpcTestClient.Frame(OtlpSamples.Traces(1).ToByteArray(), gzip: false);
        var result = await _client.SendAsync(_app.GrpcPort, GrpcTestClient.TracePath, frame[..^3]);

        Assert.Equal(3, result.GrpcStatus);
        Assert.Contains("declares", result.GrpcMessage, StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task Export_MessageOverLimit_ResourceExhausted()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(2000).ToByteArray());

        Assert.Equal(8, result.GrpcStatus);
        Assert.Contains("exceeds the limit", result.GrpcMessage, StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task Export_GzipBombOverLimitAfterInflating_ResourceExhausted()
    {
        var zeros = new byte[2 * 1024 * 1024];
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, zeros, gzip: true);

        Assert.Equal(8, result.GrpcStatus);
    }

    [Fact]
    public async Task Export_CompressedWithoutEncodingHeader_ErrorAndAdvertisesGzip()
    {
        var frame = GrpcTestClient.Frame(OtlpSamples.Traces(1).ToByteArray(), gzip: true);
        var result = await _client.SendAsync(_app.GrpcPort, GrpcTestClient.TracePath, frame, grpcEncoding: "snappy");

        Assert.Equal(12, result.GrpcStatus);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task Export_UnknownMethod_Unimplemented()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, "/opentelemetry.proto.collector.profiles.v1development.ProfilesService/Export", [0x0a, 0x00]);

        Assert.Equal(12, result.GrpcStatus);
        Assert.True(result.TrailersOnly);
    }

    [Fact]
    public async Task Export_WrongContentType_Http415()
    {
        var result = await _client.SendAsync(_app.GrpcPort, GrpcTestClient.TracePath, GrpcTestClient.Frame(OtlpSamples.Traces(1).ToByteArray(), false), contentType: "application/json");

        Assert.Equal(415, result.HttpStatus);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task Export_SpansWithInvalidIds_PartialSuccessAndRestStored()
    {
        var good = OtlpSamples.GenAiSpan(1);
        var zeroTrace = OtlpSamples.GenAiSpan(2);
        zeroTrace.TraceId = ByteString.CopyFrom(new byte[16]);
        var shortSpan = OtlpSamples.GenAiSpan(3);
        shortSpan.SpanId = ByteString.CopyFrom(1, 2, 3);
        var badParent = OtlpSamples.GenAiSpan(4);
        badParent.ParentSpanId = ByteString.CopyFrom(1, 2, 3, 4, 5);
        var alsoGood = OtlpSamples.GenAiSpan(5);

        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(good, zeroTrace, shortSpan, badParent, alsoGood).ToByteArray());

        Assert.Equal(0, result.GrpcStatus);
        var response = ExportTraceServiceResponse.Parser.ParseFrom(result.Message);
        Assert.Equal(3, response.PartialSuccess.RejectedSpans);
        Assert.Contains("trace_id", response.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("span_id", response.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("parent_span_id", response.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([OtlpSamples.Hex(OtlpSamples.SpanId(1)), OtlpSamples.Hex(OtlpSamples.SpanId(5))], _exporter.Spans.Select(s => s.SpanId).Order());
    }

    [Fact]
    public async Task Export_SpanWithInvalidUtf8_KeptWithReplacementCharactersAndNamedWithNothingRejected()
    {
        var span = OtlpSamples.GenAiSpan(1);
        span.Attributes.Add(OtlpSamples.Kv("note", "#x ok"));
        var payload = OtlpSamples.Traces(OtlpSamples.GenAiSpan(0), span).ToByteArray();
        OtlpSamples.Patch(payload, "#x", [0xff, 0xfe]);

        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, payload);

        Assert.Equal(0, result.GrpcStatus);
        var response = ExportTraceServiceResponse.Parser.ParseFrom(result.Message);
        Assert.Equal(0, response.PartialSuccess.RejectedSpans);
        Assert.Equal("invalid UTF-8 kept as U+FFFD replacement characters in 1 place: span 'chat gpt-4o' (resource 0, scope 0, index 1)", response.PartialSuccess.ErrorMessage);
        Assert.Equal(2, _exporter.Spans.Count);
        Assert.Equal("\uFFFD\uFFFD ok", _exporter.Spans.Single(s => s.SpanId == OtlpSamples.Hex(OtlpSamples.SpanId(1))).Attributes.Get("note")!.StringValue);
    }

    [Fact]
    public async Task Export_LogsAndMetricsWithInvalidUtf8_KeptWithReplacementCharactersAndNamedWithNothingRejected()
    {
        var logs = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.LogsPath, OtlpSamples.LogsWithInvalidUtf8());
        var metrics = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.MetricsPath, OtlpSamples.MetricsWithInvalidUtf8());

        Assert.Equal(0, logs.GrpcStatus);
        var logsResponse = ExportLogsServiceResponse.Parser.ParseFrom(logs.Message);
        Assert.Equal(0, logsResponse.PartialSuccess.RejectedLogRecords);
        Assert.Equal(OtlpSamples.LogsWithInvalidUtf8Warning, logsResponse.PartialSuccess.ErrorMessage);
        Assert.Equal("\uFFFD\uFFFD plain", _exporter.Logs.Single(l => l.Evaluation is null).Body.StringValue);

        Assert.Equal(0, metrics.GrpcStatus);
        var metricsResponse = ExportMetricsServiceResponse.Parser.ParseFrom(metrics.Message);
        Assert.Equal(0, metricsResponse.PartialSuccess.RejectedDataPoints);
        Assert.Equal(OtlpSamples.MetricsWithInvalidUtf8Warning, metricsResponse.PartialSuccess.ErrorMessage);
        Assert.Equal("\uFFFD\uFFFD/chat", _exporter.Metrics.Single(m => m.Name == "requests").Attributes.Get("route")!.StringValue);
    }

    [Fact]
    public async Task Export_LogsWithEvaluationEvent_EvaluationSetAndPlainLogPassed()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.LogsPath, OtlpSamples.EvaluationLogs().ToByteArray());

        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal(2, _exporter.Logs.Count);
        var evaluation = _exporter.Logs.Single(l => l.Evaluation is not null).Evaluation!;
        Assert.Equal("correctness", evaluation.Name);
        Assert.Equal(0.9, evaluation.ScoreValue);
        Assert.Equal("pass", evaluation.ScoreLabel);
        Assert.Equal(OtlpSamples.Hex(OtlpSamples.TraceId(7)), evaluation.TraceId);
        Assert.Null(_exporter.Logs.Single(l => l.Evaluation is null).TraceId);
    }

    [Fact]
    public async Task Export_Metrics_PointsFlattened()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.MetricsPath, OtlpSamples.TokenUsageMetrics().ToByteArray());

        Assert.Equal(0, result.GrpcStatus);
        var histogram = _exporter.Metrics.Single(m => m.Name == "gen_ai.client.token.usage");
        Assert.Equal(Processors.Model.MetricKind.Histogram, histogram.Kind);
        Assert.Equal(3UL, histogram.Count);
        Assert.Equal(4500, histogram.Value);
        Assert.Equal([1.0, 4, 16], histogram.ExplicitBounds);
        Assert.Equal([0UL, 0, 1, 2], histogram.BucketCounts);
        Assert.Equal(1, histogram.Temporality);
        var sum = _exporter.Metrics.Single(m => m.Name == "requests");
        Assert.Equal(42, sum.Value);
        Assert.True(sum.IsMonotonic);
    }

    [Fact]
    public async Task Export_EmptyRequest_OkWithoutExport()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, []);

        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal(0, _exporter.Exports);
    }

    [Fact]
    public async Task Export_ZeroParentId_TreatedAsRoot()
    {
        var span = OtlpSamples.GenAiSpan(2);
        span.ParentSpanId = ByteString.CopyFrom(new byte[8]);

        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.TracePath, OtlpSamples.Traces(span).ToByteArray());

        Assert.Equal(0, result.GrpcStatus);
        Assert.True(Assert.Single(_exporter.Spans).IsRoot);
    }

    [Fact]
    public async Task Export_MetricPointsNotServed_RejectedInPartialSuccess()
    {
        var result = await _client.ExportAsync(_app.GrpcPort, GrpcTestClient.MetricsPath, OtlpSamples.UnsupportedMetrics().ToByteArray());

        Assert.Equal(0, result.GrpcStatus);
        var response = ExportMetricsServiceResponse.Parser.ParseFrom(result.Message);
        Assert.Equal(3, response.PartialSuccess.RejectedDataPoints);
        Assert.Contains("'sum_quantiles': summaries are not supported", response.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("served", Assert.Single(_exporter.Metrics).Name);
    }
}
