using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// The whole collector (YAML config, SQLite store, management API) with <c>receivers.otlp.require_api_key</c> on:
/// OTLP without a valid key is refused before anything is read and nothing of it is stored; a key with the
/// <c>ingest</c> scope gets through, a read-only key is denied. Over real gRPC (h2c) and HTTP sockets.
/// </summary>
public sealed class IngestApiKeyTests
{
    private const string IngestKey = "ingest-key-for-tests-0001";
    private const string ViewerKey = "viewer-key-for-tests-0002";
    private const string AdminKey = "admin-key-for-tests-00003";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static string Config(bool requireKey)
    {
        var yaml = CollectorConfigFile.BuiltIn();
        yaml = yaml.Replace("    max_request_body_size: 16777216\n", $"    max_request_body_size: 16777216\n    require_api_key: {(requireKey ? "true" : "false")}\n", StringComparison.Ordinal);
        yaml = yaml.Replace(
            "  management:\n",
            $"  management:\n    api_keys:\n      - \"feeder[ingest]:{IngestKey}\"\n      - \"dash[viewer]:{ViewerKey}\"\n      - \"root:{AdminKey}\"\n",
            StringComparison.Ordinal);
        Assert.Contains("require_api_key", yaml, StringComparison.Ordinal);
        Assert.Contains("dash[viewer]", yaml, StringComparison.Ordinal);
        return yaml;
    }

    [Fact]
    public async Task Grpc_WithoutIngestKey_RefusedAndNothingStored_IngestKeyStored()
    {
        await using var collector = await RunningCollector.StartAsync(Config(requireKey: true));
        using var grpc = new GrpcTestClient();
        var port = collector.App.GrpcPort;

        var none = await grpc.ExportAsync(port, GrpcTestClient.TracePath, OtlpSamples.Traces(1, offset: 100).ToByteArray());
        Assert.Equal(16, none.GrpcStatus);
        Assert.Contains("x-api-key", none.GrpcMessage, StringComparison.Ordinal);
        var bad = await grpc.ExportAsync(port, GrpcTestClient.TracePath, OtlpSamples.Traces(1, offset: 101).ToByteArray(), metadata: Key("x-api-key", "not-a-key-0000000000000"));
        Assert.Equal(16, bad.GrpcStatus);
        var viewer = await grpc.ExportAsync(port, GrpcTestClient.TracePath, OtlpSamples.Traces(1, offset: 102).ToByteArray(), metadata: Key("x-api-key", ViewerKey));
        Assert.Equal(7, viewer.GrpcStatus);
        Assert.Contains("'ingest'", viewer.GrpcMessage, StringComparison.Ordinal);

        var accepted = await grpc.ExportAsync(port, GrpcTestClient.TracePath, OtlpSamples.Traces(1, offset: 103).ToByteArray(), metadata: Key("x-api-key", IngestKey));
        Assert.Equal(0, accepted.GrpcStatus);
        var bearer = await grpc.ExportAsync(port, GrpcTestClient.TracePath, OtlpSamples.Traces(1, offset: 104).ToByteArray(), metadata: Key("authorization", "Bearer " + IngestKey));
        Assert.Equal(0, bearer.GrpcStatus);

        Assert.True(await StoredAsync(collector, 103));
        Assert.True(await StoredAsync(collector, 104));
        Assert.False(await StoredAsync(collector, 100, wait: false));
        Assert.False(await StoredAsync(collector, 101, wait: false));
        Assert.False(await StoredAsync(collector, 102, wait: false));

        // The query and console dashboard APIs follow the management API's rules; /metrics stays open.
        foreach (var path in new[] { "/api/v1/traces", "/api/v1/dashboard/summary", "/api/v1/datasets" })
        {
            using (var anonymous = await collector.Management.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(Timeout))
            {
                Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{path} without a key: {(int)anonymous.StatusCode}");
            }

            using var read = new HttpRequestMessage(HttpMethod.Get, path);
            read.Headers.Add("X-Api-Key", ViewerKey);
            using var allowed = await collector.Management.SendAsync(read).WaitAsync(Timeout);
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"{path} with a viewer key: {(int)allowed.StatusCode}");
        }

        var metrics = await collector.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(Timeout);
        Assert.Matches("llmops_collector_requests_invalid[^\\n]*protocol=\"grpc\"[^\\n]*reason=\"unauthenticated\"[^\\n]* 2\\b", metrics);
        Assert.Matches("llmops_collector_requests_invalid[^\\n]*protocol=\"grpc\"[^\\n]*reason=\"permission_denied\"[^\\n]* 1\\b", metrics);

        // The SQLite store's full-text index reports its state (no failures here).
        Assert.Matches("(?m)^llmops_collector_search_index_pending \\d+$", metrics);
        Assert.Matches("(?m)^llmops_collector_search_index_rebuilding [01]$", metrics);
        Assert.Matches("(?m)^llmops_collector_search_index_failures_total 0$", metrics);
        Assert.Matches("(?m)^llmops_collector_store_wal_waits_total 0$", metrics);
    }

    [Fact]
    public async Task Http_WithoutIngestKey_401Or403WithBody_IngestKeyStored_IssuedKeyUntilRevoked()
    {
        await using var collector = await RunningCollector.StartAsync(Config(requireKey: true));
        using var http = new HttpClient { Timeout = Timeout };
        var url = new Uri($"http://127.0.0.1:{collector.App.HttpPort}/v1/traces");

        using (var none = await PostAsync(http, url, 200, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Contains("x-api-key", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var viewer = await PostAsync(http, url, 201, ViewerKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
            Assert.Contains("'ingest'", await viewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var accepted = await PostAsync(http, url, 202, IngestKey))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // A key issued through the management API (stored hashed) works on ingest at once, and stops when revoked.
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settings/project/api-keys/rotate") { Content = JsonContent.Create(new { name = "otel-agent", role = "ingest" }) };
        issue.Headers.Add("X-Api-Key", AdminKey);
        using var issued = await collector.Management.SendAsync(issue).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        using (var withIssued = await PostAsync(http, url, 203, secret))
        {
            Assert.Equal(HttpStatusCode.OK, withIssued.StatusCode);
        }

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/settings/project/api-keys/{body.GetProperty("key").GetProperty("id").GetInt64()}");
        revoke.Headers.Add("X-Api-Key", AdminKey);
        using (var revoked = await collector.Management.SendAsync(revoke).WaitAsync(Timeout))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        using (var afterRevoke = await PostAsync(http, url, 204, secret))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        }

        using (var anotherIngest = await PostAsync(http, url, 205, IngestKey))
        {
            Assert.Equal(HttpStatusCode.OK, anotherIngest.StatusCode);
        }

        Assert.True(await StoredAsync(collector, 202));
        Assert.True(await StoredAsync(collector, 203));
        Assert.True(await StoredAsync(collector, 205));
        Assert.False(await StoredAsync(collector, 200, wait: false));
        Assert.False(await StoredAsync(collector, 201, wait: false));
        Assert.False(await StoredAsync(collector, 204, wait: false));
    }

    [Fact]
    public async Task OtelExporter_WithIngestKeyHeader_Stored_CheckOffByDefault()
    {
        await using (var collector = await RunningCollector.StartAsync(Config(requireKey: true)))
        {
            var traceId = await ExportWithOtelAsync(collector, $"x-api-key={IngestKey}");
            Assert.True(await StoredAsync(collector, traceId));
        }

        // With the check off (the default) OTLP needs no key, even with management keys configured.
        await using var open = await RunningCollector.StartAsync(Config(requireKey: false));
        var anonymous = await ExportWithOtelAsync(open, null);
        Assert.True(await StoredAsync(open, anonymous));
    }

    private static Dictionary<string, string> Key(string name, string value) => new(StringComparer.Ordinal) { [name] = value };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri url, int offset, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(OtlpSamples.Traces(1, offset).ToByteArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return await http.SendAsync(request).WaitAsync(Timeout);
    }

    private static async Task<string> ExportWithOtelAsync(RunningCollector collector, string? headers)
    {
        var sourceName = "llmops.tests.auth." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        string traceId;
        using (var provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource(sourceName)
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("auth-test"))
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.Grpc;
                o.Endpoint = collector.GrpcEndpoint;
                o.ExportProcessorType = ExportProcessorType.Simple;
                o.Headers = headers;
            })
            .Build()!)
        {
            using (var activity = source.StartActivity("chat gpt-4o", ActivityKind.Client)!)
            {
                activity.SetTag("gen_ai.operation.name", "chat");
                traceId = activity.TraceId.ToHexString();
            }

            Assert.True(provider.ForceFlush(30_000));
        }

        return traceId;
    }

    private static Task<bool> StoredAsync(RunningCollector collector, int sample, bool wait = true) =>
        StoredAsync(collector, OtlpSamples.Hex(OtlpSamples.TraceId(sample)), wait);

    /// <summary>
    /// Whether the trace is in the store (query API with a read key). Refused traces are checked after an accepted
    /// one sent later was found, so the pipeline has passed them.
    /// </summary>
    private static async Task<bool> StoredAsync(RunningCollector collector, string traceId, bool wait = true)
    {
        async Task<HttpStatusCode> ProbeAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/traces/{traceId}");
            request.Headers.Add("X-Api-Key", ViewerKey);
            using var response = await collector.Management.SendAsync(request).WaitAsync(Timeout);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"query API answered {(int)response.StatusCode}");
            return response.StatusCode;
        }

        if (!wait)
        {
            return await ProbeAsync() == HttpStatusCode.OK;
        }

        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Timeout)
        {
            if (await ProbeAsync() == HttpStatusCode.OK)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
