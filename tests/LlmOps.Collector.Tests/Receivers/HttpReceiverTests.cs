using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Model;
using LlmOps.Protos.Collector.Logs.V1;
using LlmOps.Protos.Collector.Metrics.V1;
using LlmOps.Protos.Collector.Trace.V1;
using LlmOps.Protos.Common.V1;
using LlmOps.Protos.Logs.V1;
using Xunit;

namespace LlmOps.Collector.Tests.Receivers;

public sealed class HttpReceiverTests : IAsyncLifetime
{
    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";
    private readonly RecordingExporter _exporter = new() { Refuses = s => s.Name == "refused by the store" };
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Hosting.CollectorApp _app = null!;

    public async Task InitializeAsync() => _app = await TestCollector.StartAsync(_exporter, o => o.MaxRequestBodyBytes = 256 * 1024);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task PostTraces_Protobuf_EveryFieldArrivesTyped()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", OtlpSamples.Traces(2).ToByteArray(), Protobuf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Protobuf, response.Content.Headers.ContentType?.MediaType);
        var body = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(body.PartialSuccess);
        SpanAssert.IsGenAiSpan(_exporter.Spans.Single(s => s.SpanId == OtlpSamples.Hex(OtlpSamples.SpanId(1))), 1);
    }

    [Fact]
    public async Task PostTraces_JsonWithHexIds_TypedAttributesExactly()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(HttpOtlp.TraceJson), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var s = Assert.Single(_exporter.Spans);
        Assert.Equal("5b8efff798038103d269b633813fc60c", s.TraceId);
        Assert.Equal("eee19b7ec3c1b174", s.SpanId);
        Assert.Equal("eee19b7ec3c1b173", s.ParentSpanId);
        Assert.Equal(SpanKindCode.Client, s.Kind);
        Assert.Equal(1544712660000000000L, s.StartTimeUnixNano);
        Assert.Equal(1544712661000000000L, s.EndTimeUnixNano);
        Assert.Equal(257u, s.Flags);
        Assert.Equal(StatusCodeValue.Error, s.StatusCode);
        Assert.Equal("boom", s.StatusMessage);
        Assert.Equal(AttrKind.Int, s.Attributes.Get("gen_ai.usage.input_tokens")!.Kind);
        Assert.Equal(9007199254740993L, s.Attributes.Get("gen_ai.usage.input_tokens")!.IntValue);
        Assert.Equal(42L, s.Attributes.Get("gen_ai.usage.output_tokens")!.IntValue);
        Assert.Equal(AttrKind.Double, s.Attributes.Get("gen_ai.request.top_p")!.Kind);
        Assert.Equal(1.0, s.Attributes.Get("gen_ai.request.top_p")!.DoubleValue);
        Assert.Equal(AttrKind.Bool, s.Attributes.Get("gen_ai.request.stream")!.Kind);
        Assert.Equal(["stop"], s.Attributes.Get("gen_ai.response.finish_reasons")!.AsStringList());
        Assert.Equal("gold", s.Attributes.Get("llmops.meta")!.KvListValue![0].Value.StringValue);
        Assert.Equal([1, 2, 3], s.Attributes.Get("llmops.blob")!.BytesValue);
        var e = Assert.Single(s.Events);
        Assert.Equal(1544712660500000000L, e.TimeUnixNano);
        Assert.Equal(1L, e.Attributes.Get("i")!.IntValue);
        Assert.Equal("0000000000000002", Assert.Single(s.Links).SpanId);
        Assert.Equal("factory-assistant", s.Resource.ServiceName);
        Assert.Equal("json.scope", s.Scope.Name);
        Assert.Null(s.GenAi.InputTokens); // kept exactly as an attribute, but past GenAiNormalizer.MaxTokenCount for the token column
    }

    [Fact]
    public async Task PostTraces_GzipJson_Decoded()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(HttpOtlp.TraceJson), Json, gzip: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eee19b7ec3c1b174", Assert.Single(_exporter.Spans).SpanId);
    }

    [Fact]
    public async Task PostTraces_GzipProtobuf_Decoded()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", OtlpSamples.Traces(4).ToByteArray(), Protobuf, gzip: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, _exporter.Spans.Count);
    }

    [Fact]
    public async Task PostTraces_MalformedJson_400WithStatusMessageAndKeepsServing()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", "{\"resourceSpans\": [ {"u8.ToArray(), Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, status.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("malformed JSON", status.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var next = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(HttpOtlp.TraceJson), Json);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(_exporter.Spans);
    }

    [Fact]
    public async Task PostJson_EnumNamesAndOriginalFieldNames_AcceptedAsTheOpenTelemetryCollectorDoes()
    {
        var traces = """
            {"resource_spans":[{"schema_url":"https://schema","scope_spans":[{"spans":[
              {"trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174","parent_span_id":"eee19b7ec3c1b173","name":"snake",
               "kind":"SPAN_KIND_SERVER","start_time_unix_nano":"1700000000000000000","status":{"code":"STATUS_CODE_ERROR"},
               "attributes":[{"key":"n","value":{"int_value":"5"}}],"dropped_attributes_count":2}
            ]}]}]}
            """;
        var logs = """
            {"resource_logs":[{"scope_logs":[{"log_records":[{"time_unix_nano":"1700000000000000000","severity_number":"SEVERITY_NUMBER_WARN","severity_text":"WARN"}]}]}]}
            """;
        var metrics = """
            {"resource_metrics":[{"scope_metrics":[{"metrics":[{"name":"requests","sum":{"aggregation_temporality":"AGGREGATION_TEMPORALITY_DELTA","is_monotonic":true,
              "data_points":[{"time_unix_nano":"1700000000000000000","as_int":"3"}]}}]}]}]}
            """;
        var unknownName = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","kind":"SPAN_KIND_SIDEWAYS"}]}]}]}
            """;

        foreach (var (path, json) in new[] { ("/v1/traces", traces), ("/v1/logs", logs), ("/v1/metrics", metrics) })
        {
            using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, path, Encoding.UTF8.GetBytes(json), Json);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }

        using var unknown = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(unknownName), Json);

        var span = Assert.Single(_exporter.Spans);
        Assert.Equal(("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "eee19b7ec3c1b173"), (span.TraceId, span.SpanId, span.ParentSpanId));
        Assert.Equal((SpanKindCode.Server, StatusCodeValue.Error, 2u), (span.Kind, span.StatusCode, span.DroppedAttributesCount));
        Assert.Equal(1_700_000_000_000_000_000L, span.StartTimeUnixNano);
        Assert.Equal(5L, span.Attributes.Get("n")!.IntValue);
        Assert.Equal("https://schema", span.Resource.SchemaUrl);
        Assert.Equal(13, Assert.Single(_exporter.Logs).SeverityNumber);
        var point = Assert.Single(_exporter.Metrics);
        Assert.Equal((1, true, 3.0), (point.Temporality, point.IsMonotonic, point.Value));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'kind' must be an enum number", (await JsonStatusAsync(unknown)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostLogsAndMetrics_ProtobufWithInvalidUtf8_KeptAndNamedInPartialSuccessWithNothingRejected()
    {
        using var logs = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/logs", OtlpSamples.LogsWithInvalidUtf8(), Protobuf);
        using var metrics = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/metrics", OtlpSamples.MetricsWithInvalidUtf8(), Protobuf);

        Assert.Equal(HttpStatusCode.OK, logs.StatusCode);
        var logsBody = ExportLogsServiceResponse.Parser.ParseFrom(await logs.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, logsBody.PartialSuccess.RejectedLogRecords);
        Assert.Equal(OtlpSamples.LogsWithInvalidUtf8Warning, logsBody.PartialSuccess.ErrorMessage);
        Assert.Equal(2, _exporter.Logs.Count);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var metricsBody = ExportMetricsServiceResponse.Parser.ParseFrom(await metrics.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, metricsBody.PartialSuccess.RejectedDataPoints);
        Assert.Equal(OtlpSamples.MetricsWithInvalidUtf8Warning, metricsBody.PartialSuccess.ErrorMessage);
        Assert.Equal("\uFFFD\uFFFD/chat", _exporter.Metrics.Single(m => m.Name == "requests").Attributes.Get("route")!.StringValue);
    }

    [Fact]
    public async Task PostTraces_JsonWithInvalidUtf8_400()
    {
        var json = Encoding.UTF8.GetBytes("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"#x"}]}]}]}""");
        OtlpSamples.Patch(json, "#x", [0xff, 0xfe]);

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", json, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, (await JsonStatusAsync(response)).Code);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task PostTraces_JsonWithWrongShape_400()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", "{\"resourceSpans\": {\"not\": \"an array\"}}"u8.ToArray(), Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be an array", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostTraces_MalformedProtobuf_400WithProtobufStatus()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", [0x0a, 0xff, 0xff, 0xff, 0x0f], Protobuf);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Protobuf, response.Content.Headers.ContentType?.MediaType);
        var status = RpcStatus.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, status.Code);
        Assert.Contains("malformed protobuf", status.Message, StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task PostTraces_InvalidGzip_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_app.HttpPort}/v1/traces") { Content = new ByteArrayContent([1, 2, 3, 4]) };
        request.Content.Headers.ContentType = new(Protobuf);
        request.Content.Headers.ContentEncoding.Add("gzip");
        using var gz = await _http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.BadRequest, gz.StatusCode);
    }

    [Fact]
    public async Task PostTraces_TruncatedGzipProtobuf_400AndNothingStored()
    {
        // The cut body inflates to a complete request of 3 spans: only the gzip trailer tells it is not all.
        var body = HttpOtlp.GzipCutAfter(OtlpSamples.Traces(3).ToByteArray(), OtlpSamples.Traces(3, offset: 3).ToByteArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_app.HttpPort}/v1/traces") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new(Protobuf);
        request.Content.Headers.ContentEncoding.Add("gzip");
        using var response = await _http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = RpcStatus.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, status.Code);
        Assert.Contains("not valid gzip", status.Message, StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task PostTraces_TruncatedGzipJson_400BlamesGzipNotJson()
    {
        var json = Encoding.UTF8.GetBytes(HttpOtlp.TraceJson);
        var body = HttpOtlp.Gzip(json)[..^20];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_app.HttpPort}/v1/traces") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new(Json);
        request.Content.Headers.ContentEncoding.Add("gzip");
        using var response = await _http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("not valid gzip", status.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task PostTraces_BodyOverLimit_413()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", OtlpSamples.Traces(2000).ToByteArray(), Protobuf);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task PostTraces_ChunkedBodyOverLimitWithoutContentLength_413()
    {
        var big = OtlpSamples.Traces(2000).ToByteArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_app.HttpPort}/v1/traces")
        {
            Content = new StreamContent(new MemoryStream(big)),
        };
        request.Content.Headers.ContentType = new(Protobuf);
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task PostTraces_UnsupportedContentType_415WithProtobufStatus()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", "hello"u8.ToArray(), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var status = await ProtobufStatusAsync(response);
        Assert.Equal(12, status.Code);
        Assert.Contains("unsupported content type 'text/plain'", status.Message, StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(Protobuf)]
    public async Task PostTraces_UnsupportedContentEncoding_415WithStatusInRequestEncoding(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_app.HttpPort}/v1/traces") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Content.Headers.ContentType = new(contentType);
        request.Content.Headers.ContentEncoding.Add("br");
        using var response = await _http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var status = contentType == Json ? await JsonStatusAsync(response) : await ProtobufStatusAsync(response);
        Assert.Equal(12, status.Code);
        Assert.Contains("unsupported content encoding 'br'", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTraces_WrongMethod_405WithAllowAndProtobufStatus()
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{_app.HttpPort}/v1/traces")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        var status = await ProtobufStatusAsync(response);
        Assert.Equal(12, status.Code);
        Assert.Contains("use POST", status.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/profiles", Json)]
    [InlineData("/v1/traces/", Protobuf)]
    public async Task Post_UnknownPath_404WithStatusInRequestEncoding(string path, string contentType)
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, path, [], contentType);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = contentType == Json ? await JsonStatusAsync(response) : await ProtobufStatusAsync(response);
        Assert.Equal(12, status.Code);
        Assert.Contains("POST /v1/traces", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostTraces_JsonSpansWithInvalidIds_PartialSuccessAndRestStored()
    {
        var json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"ok"},
              {"traceId":"00000000000000000000000000000000","spanId":"eee19b7ec3c1b175","name":"zero trace"},
              {"traceId":"W4796AOBA9Jps2OBP8YM","spanId":"eee19b7ec3c1b176","name":"base64 not hex"},
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7e","name":"short span"}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = body.RootElement.GetProperty("partialSuccess");
        Assert.Equal("3", partial.GetProperty("rejectedSpans").GetString());
        Assert.Contains("traceId", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(_exporter.Spans).Name);
    }

    [Fact]
    public async Task PostTraces_SpanTheStoreRefuses_RejectedInPartialSuccessWithTheDecoderRejections_RestStored()
    {
        var json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"6b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"ok"},
              {"traceId":"6b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","name":"refused by the store"},
              {"traceId":"6b8efff798038103d269b633813fc60c","spanId":"eee19b7e","name":"short span"},
              {"traceId":"6b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b177","name":"also ok"}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = body.RootElement.GetProperty("partialSuccess");
        Assert.Equal("2", partial.GetProperty("rejectedSpans").GetString());
        var message = partial.GetProperty("errorMessage").GetString();
        Assert.Contains("'short span' (resource 0, scope 0, index 2): spanId must be", message, StringComparison.Ordinal);
        Assert.Contains("span 'refused by the store' (trace 6b8efff798038103d269b633813fc60c, span eee19b7ec3c1b175): the store refused it", message, StringComparison.Ordinal);
        Assert.Equal(["also ok", "ok"], _exporter.Spans.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task PostTraces_JsonLinksWithInvalidIdsOrTimesPastInt64_SpanRejectedNamingTheLink()
    {
        var json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"ok","links":[{"traceId":"5B8EFFF798038103D269B633813FC60D","spanId":"EEE19B7EC3C1B175"}]},
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","name":"base64 link","links":[{"traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7uGbfsPBsXQ="}]},
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b176","name":"bad link span","links":[{"traceId":"5b8efff798038103d269b633813fc60d","spanId":"zz"}]},
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b177","name":"empty link","links":[{}]},
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b178","name":"past int64","startTimeUnixNano":"18446744073709551615"}
            ]}]}]}
            """;

        var (rejected, message) = await PostJsonPartialAsync("/v1/traces", json, "rejectedSpans");

        Assert.Equal("4", rejected);
        Assert.Contains("'base64 link' (resource 0, scope 0, index 1): link 0: traceId must be", message, StringComparison.Ordinal);
        Assert.Contains("'bad link span' (resource 0, scope 0, index 2): link 0: spanId must be", message, StringComparison.Ordinal);
        Assert.Contains("and 1 more", message, StringComparison.Ordinal);
        var link = Assert.Single(Assert.Single(_exporter.Spans).Links);
        Assert.Equal("5b8efff798038103d269b633813fc60d", link.TraceId);
        Assert.Equal("eee19b7ec3c1b175", link.SpanId);
    }

    [Fact]
    public async Task PostTraces_JsonStartTimePastInt64_SpanRejected()
    {
        var json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b178","name":"past int64","startTimeUnixNano":"18446744073709551615"}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(json), Json);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = body.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedSpans").GetString());
        Assert.Contains("start time is above 9223372036854775807 ns", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    [Fact]
    public async Task PostTraces_ProtobufSpansWithInvalidIds_PartialSuccessInProtobuf()
    {
        var bad = OtlpSamples.GenAiSpan(2);
        bad.SpanId = ByteString.Empty;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", OtlpSamples.Traces(OtlpSamples.GenAiSpan(1), bad).ToByteArray(), Protobuf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, body.PartialSuccess.RejectedSpans);
        Assert.Single(_exporter.Spans);
    }

    [Fact]
    public async Task PostLogs_JsonEvaluationEvent_EvaluationSet()
    {
        var json = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
              "scopeLogs":[{"logRecords":[
                {"timeUnixNano":"1700000000000000000","eventName":"gen_ai.evaluation.result","severityNumber":9,
                 "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                 "body":{"stringValue":"helpful"},
                 "attributes":[{"key":"gen_ai.evaluation.name","value":{"stringValue":"user_feedback"}},
                               {"key":"gen_ai.evaluation.score.value","value":{"doubleValue":1}}]},
                {"timeUnixNano":"1700000000000000001","traceId":"nothex","body":{"stringValue":"bad id"}}
              ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/logs", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("1", body.RootElement.GetProperty("partialSuccess").GetProperty("rejectedLogRecords").GetString());
        var log = Assert.Single(_exporter.Logs);
        Assert.Equal(9, log.SeverityNumber);
        Assert.Equal("user_feedback", log.Evaluation!.Name);
        Assert.Equal(1.0, log.Evaluation.ScoreValue);
        Assert.Equal("eee19b7ec3c1b174", log.Evaluation.SpanId);
    }

    [Fact]
    public async Task PostMetrics_Json_PointsWithValues()
    {
        var json = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"gen_ai.client.operation.duration","unit":"s","histogram":{"aggregationTemporality":2,"dataPoints":[
                {"timeUnixNano":"1700000000000000000","count":"2","sum":1.5,"explicitBounds":[0.01,0.02],"bucketCounts":["0","1","1"]}]}},
              {"name":"queue","gauge":{"dataPoints":[{"timeUnixNano":"1700000000000000000","asInt":"7"},{"asDouble":1}]}}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/metrics", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("1", body.RootElement.GetProperty("partialSuccess").GetProperty("rejectedDataPoints").GetString());
        var h = _exporter.Metrics.Single(m => m.Kind == MetricKind.Histogram);
        Assert.Equal(2UL, h.Count);
        Assert.Equal(1.5, h.Value);
        Assert.Equal([0UL, 1, 1], h.BucketCounts);
        Assert.Equal(2, h.Temporality);
        Assert.Equal(7, _exporter.Metrics.Single(m => m.Name == "queue").Value);
    }

    [Fact]
    public async Task PostMetrics_JsonPointsNotServed_RejectedInPartialSuccessRestStored()
    {
        var json = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"served","gauge":{"dataPoints":[{"timeUnixNano":"1700000000000000000","asDouble":3.5}]}},
              {"name":"exp","exponentialHistogram":{"aggregationTemporality":1,"dataPoints":[{"timeUnixNano":"1700000000000000000","count":"1","sum":2,"scale":1}]}},
              {"name":"sum_quantiles","summary":{"dataPoints":[{"timeUnixNano":"1700000000000000000","count":"1","sum":2}]}},
              {"name":"no_buckets","histogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"1700000000000000000","count":"1","sum":2}]}},
              {"name":"short_buckets","histogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"1700000000000000000","count":"1","explicitBounds":[1,2],"bucketCounts":["1"]}]}}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/metrics", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = body.RootElement.GetProperty("partialSuccess");
        Assert.Equal("4", partial.GetProperty("rejectedDataPoints").GetString());
        var message = partial.GetProperty("errorMessage").GetString();
        Assert.Contains("'exp': exponential histograms are not supported", message, StringComparison.Ordinal);
        Assert.Contains("'sum_quantiles': summaries are not supported", message, StringComparison.Ordinal);
        Assert.Contains("'no_buckets': histogram point without buckets", message, StringComparison.Ordinal);
        Assert.Contains("and 1 more", message, StringComparison.Ordinal);
        Assert.Equal("served", Assert.Single(_exporter.Metrics).Name);
    }

    [Fact]
    public async Task PostMetrics_ProtobufPointsNotServed_RejectedInProtobufPartialSuccess()
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/metrics", OtlpSamples.UnsupportedMetrics().ToByteArray(), Protobuf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, body.PartialSuccess.RejectedDataPoints);
        Assert.Contains("'exp': exponential histograms are not supported", body.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'no_buckets': histogram point without buckets", body.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("served", Assert.Single(_exporter.Metrics).Name);
    }

    [Fact]
    public async Task PostLogs_JsonAllZeroTraceAndSpanIds_KeptWithoutTraceContext()
    {
        var json = """
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[
              {"timeUnixNano":"1700000000000000000","traceId":"00000000000000000000000000000000","spanId":"0000000000000000","body":{"stringValue":"no context"}},
              {"timeUnixNano":"1700000000000000001","traceId":"5b8efff798038103d269b633813fc60c","spanId":"0000000000000000","body":{"stringValue":"trace only"}}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/logs", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var none = _exporter.Logs.Single(l => l.Body.StringValue == "no context");
        Assert.Null(none.TraceId);
        Assert.Null(none.SpanId);
        var traceOnly = _exporter.Logs.Single(l => l.Body.StringValue == "trace only");
        Assert.Equal("5b8efff798038103d269b633813fc60c", traceOnly.TraceId);
        Assert.Null(traceOnly.SpanId);
    }

    [Fact]
    public async Task PostLogs_ProtobufAllZeroTraceAndSpanIds_KeptWithoutTraceContext()
    {
        var request = OtlpSamples.EvaluationLogs();
        var plain = request.ResourceLogs[0].ScopeLogs[0].LogRecords[1];
        plain.TraceId = ByteString.CopyFrom(new byte[16]);
        plain.SpanId = ByteString.CopyFrom(new byte[8]);
        var shortZero = plain.Clone();
        shortZero.TraceId = ByteString.CopyFrom(new byte[3]);
        request.ResourceLogs[0].ScopeLogs[0].LogRecords.Add(shortZero);

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/logs", request.ToByteArray(), Protobuf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, body.PartialSuccess.RejectedLogRecords);
        Assert.Contains("index 2): trace_id must be empty or 16 bytes", body.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, _exporter.Logs.Count);
        var log = _exporter.Logs.Single(l => l.Body.StringValue == "plain log");
        Assert.Null(log.TraceId);
        Assert.Null(log.SpanId);
    }

    [Fact]
    public async Task PostLogs_JsonAttributeOrBodyNestedPastTheLimit_RecordRejectedNamingTheField()
    {
        var deepest = HttpOtlp.NestedJson(AttrJson.MaxNesting);
        var deeper = HttpOtlp.NestedJson(AttrJson.MaxNesting + 1);
        var json = $$$"""
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[
              {"timeUnixNano":"1700000000000000000","body":{{{deepest}}},"attributes":[{"key":"deep","value":{{{deepest}}}}]},
              {"timeUnixNano":"1700000000000000001","body":{"stringValue":"deep attribute"},"attributes":[{"key":"deeper","value":{{{deeper}}}}]},
              {"timeUnixNano":"1700000000000000002","body":{{{deeper}}}}
            ]}]}]}
            """;

        var (rejected, message) = await PostJsonPartialAsync("/v1/logs", json, "rejectedLogRecords");

        Assert.Equal("2", rejected);
        Assert.Contains("(resource 0, scope 0, index 1): attribute 'deeper' nests arrayValue/kvlistValue more than 20 levels deep", message, StringComparison.Ordinal);
        Assert.Contains("(resource 0, scope 0, index 2): body nests arrayValue/kvlistValue more than 20 levels deep", message, StringComparison.Ordinal);
        Assert.Equal(1_700_000_000_000_000_000L, Assert.Single(_exporter.Logs).TimeUnixNano);
    }

    [Fact]
    public async Task PostLogs_ProtobufAttributeOrBodyNestedPastTheLimit_RejectedInProtobufPartialSuccess()
    {
        var request = OtlpSamples.EvaluationLogs();
        var records = request.ResourceLogs[0].ScopeLogs[0].LogRecords;
        records[0].Attributes.Add(new KeyValue { Key = "deep", Value = OtlpSamples.Nested(AttrJson.MaxNesting) });
        records[1].Body = OtlpSamples.Nested(AttrJson.MaxNesting + 1);
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Attributes = { new KeyValue { Key = "deeper", Value = OtlpSamples.Nested(AttrJson.MaxNesting + 1) } } } };
        scope.LogRecords.Add(new LogRecord { TimeUnixNano = 1_700_000_001_000_000_002UL });
        request.ResourceLogs[0].ScopeLogs.Add(scope);

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/logs", request.ToByteArray(), Protobuf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, body.PartialSuccess.RejectedLogRecords);
        Assert.Contains("(resource 0, scope 0, index 1): body nests arrayValue/kvlistValue more than 20 levels deep", body.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("(resource 0, scope 1, index 0): scope attribute 'deeper' nests", body.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(_exporter.Logs).Evaluation);
    }

    [Fact]
    public async Task PostLogsAndMetrics_JsonTimesPastInt64_RejectedNamingTheTime()
    {
        var logs = """
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[
              {"timeUnixNano":"1700000000000000000","body":{"stringValue":"ok"}},
              {"timeUnixNano":"18446744073709551615","body":{"stringValue":"past int64"}},
              {"observedTimeUnixNano":"9223372036854775808","body":{"stringValue":"observed past int64"}}
            ]}]}]}
            """;
        var metrics = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"queue","gauge":{"dataPoints":[
                {"timeUnixNano":"1700000000000000000","asInt":"7"},
                {"timeUnixNano":"18446744073709551615","asInt":"8"},
                {"timeUnixNano":"1700000000000000000","startTimeUnixNano":"9223372036854775808","asInt":"9"}]}}
            ]}]}]}
            """;

        using var logResponse = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/logs", Encoding.UTF8.GetBytes(logs), Json);
        using var metricResponse = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/metrics", Encoding.UTF8.GetBytes(metrics), Json);

        using var logBody = JsonDocument.Parse(await logResponse.Content.ReadAsStringAsync());
        var logPartial = logBody.RootElement.GetProperty("partialSuccess");
        Assert.Equal("2", logPartial.GetProperty("rejectedLogRecords").GetString());
        Assert.Contains("(resource 0, scope 0, index 1): time is above 9223372036854775807 ns", logPartial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("(resource 0, scope 0, index 2): observed time is above", logPartial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(_exporter.Logs).Body.StringValue);
        using var metricBody = JsonDocument.Parse(await metricResponse.Content.ReadAsStringAsync());
        var metricPartial = metricBody.RootElement.GetProperty("partialSuccess");
        Assert.Equal("2", metricPartial.GetProperty("rejectedDataPoints").GetString());
        Assert.Contains("'queue': time is above 9223372036854775807 ns", metricPartial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("'queue': start time is above", metricPartial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, Assert.Single(_exporter.Metrics).Value);
    }

    [Fact]
    public async Task PostLogsAndMetrics_ProtobufTimesPastInt64_RejectedInPartialSuccess()
    {
        var logs = OtlpSamples.EvaluationLogs();
        logs.ResourceLogs[0].ScopeLogs[0].LogRecords[1].TimeUnixNano = ulong.MaxValue;
        var metrics = OtlpSamples.TokenUsageMetrics();
        metrics.ResourceMetrics[0].ScopeMetrics[0].Metrics[1].Sum.DataPoints[0].TimeUnixNano = (ulong)long.MaxValue + 1;

        using var logResponse = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/logs", logs.ToByteArray(), Protobuf);
        using var metricResponse = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/metrics", metrics.ToByteArray(), Protobuf);

        var logBody = ExportLogsServiceResponse.Parser.ParseFrom(await logResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, logBody.PartialSuccess.RejectedLogRecords);
        Assert.Contains("index 1): time is above 9223372036854775807 ns", logBody.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(_exporter.Logs).Evaluation);
        var metricBody = ExportMetricsServiceResponse.Parser.ParseFrom(await metricResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, metricBody.PartialSuccess.RejectedDataPoints);
        Assert.Contains("'requests': time is above 9223372036854775807 ns", metricBody.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("gen_ai.client.token.usage", Assert.Single(_exporter.Metrics).Name);
    }

    [Fact]
    public async Task PostTraces_JsonIntegersInExponentOrZeroFractionAndNullValues_Accepted()
    {
        var json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"spellings",
               "startTimeUnixNano":1.7e+18,"endTimeUnixNano":"1700000001000000000.0","flags":"1E0",
               "attributes":[{"key":"i","value":{"intValue":"1e2"}},{"key":"j","value":{"intValue":-1000.00}},
                             {"key":"n","value":{"stringValue":null}},{"key":"m","value":{"stringValue":null,"intValue":"5"}}]}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var s = Assert.Single(_exporter.Spans);
        Assert.Equal(1_700_000_000_000_000_000L, s.StartTimeUnixNano);
        Assert.Equal(1_700_000_001_000_000_000L, s.EndTimeUnixNano);
        Assert.Equal(1u, s.Flags);
        Assert.Equal(100L, s.Attributes.Get("i")!.IntValue);
        Assert.Equal(-1000L, s.Attributes.Get("j")!.IntValue);
        Assert.Equal(AttrKind.Empty, s.Attributes.Get("n")!.Kind);
        Assert.Equal(5L, s.Attributes.Get("m")!.IntValue);
    }

    [Theory]
    [InlineData("\"1.5\"")]
    [InlineData("1e-1")]
    [InlineData("\"1e19\"")]
    [InlineData("\"1e\"")]
    [InlineData("\".5\"")]
    [InlineData("\"1e2.0\"")]
    public async Task PostTraces_JsonIntValueNotAnInteger_400(string value)
    {
        var json = $$$"""
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"bad","attributes":[{"key":"i","value":{"intValue":{{{value}}}}}]}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(json), Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("intValue must be a 64-bit integer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_exporter.Spans);
    }

    /// <summary>POSTs OTLP/JSON that must be answered 200 with a partial success: its rejected count (as sent) and message.</summary>
    private async Task<(string? Rejected, string Message)> PostJsonPartialAsync(string path, string json, string rejectedField)
    {
        using var response = await HttpOtlp.PostAsync(_http, _app.HttpPort, path, Encoding.UTF8.GetBytes(json), Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = body.RootElement.GetProperty("partialSuccess");
        return (partial.GetProperty(rejectedField).GetString(), partial.GetProperty("errorMessage").GetString()!);
    }

    private static async Task<(int Code, string Message)> ProtobufStatusAsync(HttpResponseMessage response)
    {
        Assert.Equal(Protobuf, response.Content.Headers.ContentType?.MediaType);
        var status = RpcStatus.Parse(await response.Content.ReadAsByteArrayAsync());
        return (status.Code, status.Message);
    }

    private static async Task<(int Code, string Message)> JsonStatusAsync(HttpResponseMessage response)
    {
        Assert.Equal(Json, response.Content.Headers.ContentType?.MediaType);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (status.RootElement.GetProperty("code").GetInt32(), status.RootElement.GetProperty("message").GetString()!);
    }
}
