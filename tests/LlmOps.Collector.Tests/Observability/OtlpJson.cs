using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Sdk;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>
/// OTLP/JSON requests a second application sends to the collector's HTTP receiver next to the simulator: a reviewed
/// GenAI call (an expected answer, as an evaluation harness records it, and personal data in the answer) and a metric
/// of a kind the KPI view does not serve (a summary).
/// </summary>
internal static class OtlpJson
{
    /// <summary>A chat span with content, an expected answer and an e-mail address and phone number in the answer.</summary>
    public static string ReviewedChatSpan(DateTimeOffset at, string session, string user)
    {
        var question = "What tension should the conveyor C2 belt have?";
        var answer = "The conveyor C2 belt tension is 450 N, checked weekly. Questions: jane.doe@factory-example.com or +1 415 555 0134.";
        var expected = "The conveyor C2 belt tension is 450 N, checked weekly.";
        var start = at.ToUnixTimeMilliseconds() * 1_000_000;
        var span = new JsonObject
        {
            ["traceId"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            ["spanId"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]),
            ["name"] = "chat factory-gpt-mini",
            ["kind"] = 3,
            ["startTimeUnixNano"] = start.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["endTimeUnixNano"] = (start + 420_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["attributes"] = new JsonArray(
                Attr(SemanticConventions.GenAiOperationName, "chat"),
                Attr(SemanticConventions.GenAiProviderName, "openai"),
                Attr(SemanticConventions.GenAiRequestModel, "factory-gpt-mini"),
                Attr(SemanticConventions.GenAiResponseModel, "factory-gpt-mini-2026-01"),
                IntAttr(SemanticConventions.GenAiUsageInputTokens, 60),
                IntAttr(SemanticConventions.GenAiUsageOutputTokens, 30),
                Attr(SemanticConventions.SessionId, session),
                Attr(SemanticConventions.UserId, user),
                Attr(SemanticConventions.GenAiInputMessages, Messages("user", question)),
                Attr(SemanticConventions.GenAiOutputMessages, Messages("assistant", answer)),
                Attr(EvaluationEngine.ExpectedOutputAttribute, expected)),
        };
        return new JsonObject
        {
            ["resourceSpans"] = new JsonArray(new JsonObject
            {
                ["resource"] = Resource("review-harness"),
                ["scopeSpans"] = new JsonArray(new JsonObject { ["spans"] = new JsonArray(span) }),
            }),
        }.ToJsonString();
    }

    /// <summary>
    /// Two points of one histogram whose bucket bounds change: both acknowledged, the second not servable as a KPI
    /// series (counted as refused, reason bounds_changed).
    /// </summary>
    public static string HistogramWithChangedBounds(DateTimeOffset at)
    {
        var now = (at.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        JsonObject Point(double bound) => new()
        {
            ["timeUnixNano"] = now,
            ["count"] = "3",
            ["sum"] = 1.5,
            ["explicitBounds"] = new JsonArray(bound),
            ["bucketCounts"] = new JsonArray("1", "2"),
        };
        var metric = new JsonObject
        {
            ["name"] = "review.latency",
            ["unit"] = "s",
            ["histogram"] = new JsonObject
            {
                ["aggregationTemporality"] = 2,
                ["dataPoints"] = new JsonArray(Point(0.5), Point(1.0)),
            },
        };
        return new JsonObject
        {
            ["resourceMetrics"] = new JsonArray(new JsonObject
            {
                ["resource"] = Resource("review-harness"),
                ["scopeMetrics"] = new JsonArray(new JsonObject { ["metrics"] = new JsonArray(metric) }),
            }),
        }.ToJsonString();
    }

    public static async Task PostAsync(HttpClient http, Uri collectorHttp, string signalPath, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(collectorHttp, signalPath), content).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || body.Contains("errorMessage", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"OTLP/JSON {signalPath} refused ({(int)response.StatusCode}): {body}");
        }
    }

    private static string Messages(string role, string text) =>
        new JsonArray(new JsonObject { ["role"] = role, ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["content"] = text }) }).ToJsonString();

    private static JsonObject Resource(string service) =>
        new() { ["attributes"] = new JsonArray(Attr(SemanticConventions.ServiceName, service)) };

    private static JsonObject Attr(string key, string value) =>
        new() { ["key"] = key, ["value"] = new JsonObject { ["stringValue"] = value } };

    private static JsonObject IntAttr(string key, long value) =>
        new() { ["key"] = key, ["value"] = new JsonObject { ["intValue"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
}
