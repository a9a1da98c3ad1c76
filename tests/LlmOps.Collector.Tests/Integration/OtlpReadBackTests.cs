using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using LlmOps.Processors.Model;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// What OTLP/HTTP accepts reads back through the query API (built-in configuration, SQLite store), and what the store
/// could not read back is refused at the door with a partial success.
/// </summary>
public sealed class OtlpReadBackTests
{
    private const string Json = "application/json";

    [Fact]
    public async Task DeepestAcceptedNesting_ReadsBack_OneDeeperRejectsTheSpan()
    {
        await using var collector = await RunningCollector.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        const string traceId = "5b8efff798038103d269b633813fc60d";
        var deepest = HttpOtlp.NestedJson(AttrJson.MaxNesting);
        var body = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"deep"}}]},"scopeSpans":[{"spans":[
              {"traceId":"{{{traceId}}}","spanId":"eee19b7ec3c1b174","name":"deepest accepted","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000",
               "attributes":[{"key":"deep","value":{{{deepest}}}}],
               "events":[{"timeUnixNano":"1700000000500000000","name":"e","attributes":[{"key":"deep","value":{{{deepest}}}}]}],
               "links":[{"traceId":"5b8efff798038103d269b633813fc60e","spanId":"eee19b7ec3c1b175","attributes":[{"key":"deep","value":{{{deepest}}}}]}]},
              {"traceId":"{{{traceId}}}","spanId":"eee19b7ec3c1b176","name":"one deeper","attributes":[{"key":"deeper","value":{{{HttpOtlp.NestedJson(AttrJson.MaxNesting + 1)}}}}]}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(http, collector.App.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(body), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = ack.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedSpans").GetString());
        Assert.Contains("'one deeper'", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("more than 20 levels deep", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);

        using var trace = await GetTraceAsync(collector, traceId);
        var span = Assert.Single(trace.RootElement.GetProperty("spans").EnumerateArray());
        Assert.Equal("deepest accepted", span.GetProperty("name").GetString());
        Assert.Contains("\"bottom\"", span.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStatusCodeAndKind_ReadBackAsTheirNumbers()
    {
        await using var collector = await RunningCollector.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        const string traceId = "5b8efff798038103d269b633813fc60f";
        var body = $$"""
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"{{traceId}}","spanId":"eee19b7ec3c1b174","name":"unknown","kind":99,"status":{"code":7},"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000"},
              {"traceId":"{{traceId}}","spanId":"eee19b7ec3c1b175","name":"known","kind":3,"status":{"code":2},"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000"},
              {"traceId":"{{traceId}}","spanId":"eee19b7ec3c1b176","name":"unset","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000"}
            ]}]}]}
            """;

        using var response = await HttpOtlp.PostAsync(http, collector.App.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(body), Json);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());

        using var trace = await GetTraceAsync(collector, traceId);
        var spans = trace.RootElement.GetProperty("spans").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(3, spans.Count);
        Assert.Equal("99", spans["unknown"].GetProperty("kind").GetString());
        Assert.Equal("7", spans["unknown"].GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("client", spans["known"].GetProperty("kind").GetString());
        Assert.Equal("error", spans["known"].GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("unset", spans["unset"].GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task DroppedCounts_ReadBack_FromJsonAndProtobuf()
    {
        await using var collector = await RunningCollector.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        const string jsonTrace = "5b8efff798038103d269b633813fc611";
        var json = $$"""
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"{{jsonTrace}}","spanId":"eee19b7ec3c1b174","name":"dropped","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000",
               "droppedAttributesCount":1,"droppedEventsCount":2,"droppedLinksCount":4,
               "events":[{"timeUnixNano":"1700000000500000000","name":"e","droppedAttributesCount":5}],
               "links":[{"traceId":"5b8efff798038103d269b633813fc612","spanId":"eee19b7ec3c1b175","droppedAttributesCount":3}]}
            ]}]}]}
            """;
        var request = OtlpSamples.Traces(1);
        var protobufTrace = OtlpSamples.Hex(request.ResourceSpans[0].ScopeSpans[0].Spans[0].TraceId);
        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Links[0].DroppedAttributesCount = 6;

        using var jsonResponse = await HttpOtlp.PostAsync(http, collector.App.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(json), Json);
        using var protobufResponse = await HttpOtlp.PostAsync(http, collector.App.HttpPort, "/v1/traces", request.ToByteArray(), "application/x-protobuf");

        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, protobufResponse.StatusCode);
        using var fromJson = await GetTraceAsync(collector, jsonTrace);
        var span = Assert.Single(fromJson.RootElement.GetProperty("spans").EnumerateArray());
        Assert.Equal(1, span.GetProperty("dropped_attributes_count").GetInt32());
        Assert.Equal(2, span.GetProperty("dropped_events_count").GetInt32());
        Assert.Equal(4, span.GetProperty("dropped_links_count").GetInt32());
        Assert.Equal(5, span.GetProperty("events")[0].GetProperty("dropped_attributes_count").GetInt32());
        Assert.Equal(3, span.GetProperty("links")[0].GetProperty("dropped_attributes_count").GetInt32());
        using var fromProtobuf = await GetTraceAsync(collector, protobufTrace);
        var link = Assert.Single(fromProtobuf.RootElement.GetProperty("spans")[0].GetProperty("links").EnumerateArray());
        Assert.Equal(6, link.GetProperty("dropped_attributes_count").GetInt32());
    }

    /// <summary>GET /api/v1/traces/{id} once the trace is stored (the pipeline stores asynchronously).</summary>
    [Fact]
    public async Task SpanTheStoreRefuses_RejectedAlone_EveryOtherSpanOfTheRequestStored()
    {
        await using var collector = await RunningCollector.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // The real SQLite store made to refuse one value, as it would a value it cannot hold: a trigger aborting the
        // insert (SQLITE_CONSTRAINT) of the span named "refused".
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(collector.DataDirectory, "llmops.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var cmd = db.CreateCommand();
            cmd.CommandText = "CREATE TRIGGER refuse_for_test BEFORE INSERT ON spans WHEN NEW.name = 'refused' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END";
            await cmd.ExecuteNonQueryAsync();
        }

        const string traceId = "5b8efff798038103d269b633813fc610";
        var spans = string.Join(",\n", Enumerable.Range(0, 40).Select(i => $$"""
            {"traceId":"{{traceId}}","spanId":"{{i + 1:x16}}","name":"{{(i == 29 ? "refused" : "step " + i)}}","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000"}
            """));
        var body = $$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{{spans}}]}]}]}""";

        using var response = await HttpOtlp.PostAsync(http, collector.App.HttpPort, "/v1/traces", Encoding.UTF8.GetBytes(body), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = ack.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedSpans").GetString());
        var message = partial.GetProperty("errorMessage").GetString();
        Assert.Contains($"span 'refused' (trace {traceId}, span {30:x16}): the store refused it", message, StringComparison.Ordinal);
        Assert.Contains("refused for the test", message, StringComparison.Ordinal);

        using var trace = await GetTraceAsync(collector, traceId);
        var names = trace.RootElement.GetProperty("spans").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(39, names.Count);
        Assert.DoesNotContain("refused", names);
    }

    private static async Task<JsonDocument> GetTraceAsync(RunningCollector collector, string traceId)
    {
        HttpResponseMessage? last = null;
        var ok = await TestCollector.EventuallyAsync(() =>
        {
            last?.Dispose();
            last = collector.Management.GetAsync(new Uri($"/api/v1/traces/{traceId}", UriKind.Relative)).GetAwaiter().GetResult();
            return last.StatusCode != HttpStatusCode.NotFound;
        });
        using (last)
        {
            Assert.True(ok, "the trace was never stored");
            Assert.Equal(HttpStatusCode.OK, last!.StatusCode);
            return JsonDocument.Parse(await last.Content.ReadAsStringAsync(), new JsonDocumentOptions { MaxDepth = 256 });
        }
    }
}
