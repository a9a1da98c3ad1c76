using System.IO.Compression;
using System.Net.Http.Headers;

namespace LlmOps.Collector.Tests.Support;

/// <summary>Raw OTLP/HTTP requests.</summary>
internal static class HttpOtlp
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, int port, string path, byte[] body, string contentType, bool gzip = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        var payload = gzip ? Gzip(body) : body;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}{path}") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        return await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>An OTLP/JSON AnyValue nesting kvlistValue and arrayValue <paramref name="levels"/> deep around the string "bottom".</summary>
    public static string NestedJson(int levels)
    {
        var value = "{\"stringValue\":\"bottom\"}";
        for (var i = 0; i < levels; i++)
        {
            value = i % 2 == 0
                ? "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":" + value + "}]}}"
                : "{\"arrayValue\":{\"values\":[" + value + "]}}";
        }

        return value;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>
    /// Gzip of <paramref name="first"/> then <paramref name="rest"/>, cut right after a flush that ends
    /// <paramref name="first"/>: the cut body inflates to exactly <paramref name="first"/> but has no trailer.
    /// </summary>
    public static byte[] GzipCutAfter(byte[] first, byte[] rest)
    {
        using var ms = new MemoryStream();
        long cut;
        using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(first);
            z.Flush();
            cut = ms.Length;
            z.Write(rest);
        }

        return ms.ToArray()[..(int)cut];
    }

    /// <summary>An OTLP/JSON trace request: hex ids, int64 as string and as number, every AnyValue type, unknown fields.</summary>
    public const string TraceJson = """
        {
          "resourceSpans": [{
            "resource": { "attributes": [{ "key": "service.name", "value": { "stringValue": "factory-assistant" } }] },
            "schemaUrl": "https://opentelemetry.io/schemas/1.30.0",
            "unknownTopLevelThing": { "ignored": true },
            "scopeSpans": [{
              "scope": { "name": "json.scope", "version": "0.1" },
              "spans": [{
                "traceId": "5B8EFFF798038103D269B633813FC60C",
                "spanId": "EEE19B7EC3C1B174",
                "parentSpanId": "EEE19B7EC3C1B173",
                "name": "chat gpt-4o-mini",
                "kind": 3,
                "startTimeUnixNano": "1544712660000000000",
                "endTimeUnixNano": 1544712661000000000,
                "flags": 257,
                "attributes": [
                  { "key": "gen_ai.operation.name", "value": { "stringValue": "chat" } },
                  { "key": "gen_ai.request.model", "value": { "stringValue": "gpt-4o-mini" } },
                  { "key": "gen_ai.usage.input_tokens", "value": { "intValue": "9007199254740993" } },
                  { "key": "gen_ai.usage.output_tokens", "value": { "intValue": 42 } },
                  { "key": "gen_ai.request.temperature", "value": { "doubleValue": 0.7 } },
                  { "key": "gen_ai.request.top_p", "value": { "doubleValue": 1.0 } },
                  { "key": "gen_ai.request.stream", "value": { "boolValue": false } },
                  { "key": "gen_ai.response.finish_reasons", "value": { "arrayValue": { "values": [{ "stringValue": "stop" }] } } },
                  { "key": "llmops.meta", "value": { "kvlistValue": { "values": [{ "key": "tier", "value": { "stringValue": "gold" } }] } } },
                  { "key": "llmops.blob", "value": { "bytesValue": "AQID" } }
                ],
                "events": [{ "timeUnixNano": "1544712660500000000", "name": "first_token", "attributes": [{ "key": "i", "value": { "intValue": "1" } }] }],
                "links": [{ "traceId": "00000000000000000000000000000001", "spanId": "0000000000000002", "attributes": [] }],
                "status": { "code": 2, "message": "boom" },
                "someFutureField": [1, 2, 3]
              }]
            }]
          }]
        }
        """;
}
