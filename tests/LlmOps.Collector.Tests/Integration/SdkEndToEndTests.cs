using System.Text.Json;
using LlmOps.Collector.Tests.Support;
using LlmOps.Sdk;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.OpenTelemetry;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.AI;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// The SDK exports over OTLP to the real collector (built-in configuration, SQLite store) and everything it sent is
/// found through the query API: the span, tokens, session, user, prompt version, retrieval context, feedback, and the
/// collector's own additions (cost, evaluator scores).
/// </summary>
public sealed class SdkEndToEndTests
{
    private static readonly System.Diagnostics.ActivitySource AppSource = new("LlmOps.Collector.Tests.E2eApp");

    private sealed class FakeModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Tighten the M8 gearbox bolts to 25 Nm with a calibrated torque wrench."))
            {
                ResponseId = "resp-e2e-1",
                ModelId = "gpt-4o-mini-2024-07-18",
                FinishReason = ChatFinishReason.Stop,
                Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 18 },
            });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("openai", new Uri("http://model.local:8000/v1"), "gpt-4o-mini") : null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Sdk_ExportsToCollector_EverythingFoundThroughQueryApi()
    {
        await using var collector = await RunningCollector.StartAsync();
        var session = "sess-e2e-" + Guid.NewGuid().ToString("N")[..8];

        LlmOpsResponseReference? reference;
        LlmOpsPrompt prompt;
        await using (var telemetry = LlmOpsTelemetry.Start(o =>
        {
            o.Endpoint = collector.GrpcEndpoint;
            o.FeedbackEndpoint = collector.HttpEndpoint;
            o.ServiceName = "e2e-app";
            o.CaptureMessageContent = true;
            o.AdditionalSources.Add(AppSource.Name);
        }))
        {
            using (var prompts = new LlmOpsPromptClient(new LlmOpsPromptClientOptions { BaseAddress = collector.Management.BaseAddress! }))
            {
                prompt = await prompts.GetPromptAsync("Factory Assistant System", "production").WaitAsync(TimeSpan.FromSeconds(30));
            }

            Assert.True(prompt.Version > 0, "the seeded prompt is served by the collector's management API");
            IChatClient chat = new FakeModel().UseLlmOps();

            // The retrieval and chat spans are siblings: the app's span around the turn puts them in one trace.
            using var turn = AppSource.StartActivity("assistant turn");
            using var scope = LlmOpsContext.BeginScope(session, "operator-42").UsePrompt(prompt);
            scope.RecordRetrieval(
                "torque for M8 gearbox bolts",
                [new LlmOpsDocument("manual-7.3", 0.91, "Gearbox housing: M8 bolts, 25 Nm, calibrated torque wrench."), new LlmOpsDocument("sop-12", 0.42, "Wear gloves.")],
                "factory-kb");
            await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "What torque for the M8 gearbox bolts?")]).WaitAsync(TimeSpan.FromSeconds(30));
            reference = scope.LastResponse;
            Assert.NotNull(reference);
            Assert.True(telemetry.Feedback.ThumbsUp(reference!, "Clear and correct."));
            await telemetry.Feedback.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        // The trace, found by session, with its chat and retrieval spans.
        var list = await PollAsync(collector, $"/api/v1/traces?session={session}", doc => doc.RootElement.GetProperty("items").GetArrayLength() > 0);
        var traceId = list.RootElement.GetProperty("items")[0].GetProperty("trace_id").GetString()!;
        Assert.Equal(reference!.TraceId, traceId);

        // Scores arrive off the ingest path; wait until the detail carries the feedback and the evaluator scores.
        using var detail = await PollAsync(collector, $"/api/v1/traces/{traceId}", doc =>
        {
            var text = doc.RootElement.GetRawText();
            return text.Contains("user_feedback", StringComparison.Ordinal) && text.Contains("\"hallucination\"", StringComparison.Ordinal);
        });
        var json = detail.RootElement.GetRawText();
        Assert.Contains("\"chat gpt-4o-mini\"", json, StringComparison.Ordinal);
        Assert.Contains("\"retrieval factory-kb\"", json, StringComparison.Ordinal);
        Assert.Contains("operator-42", json, StringComparison.Ordinal);
        Assert.Contains(session, json, StringComparison.Ordinal);
        Assert.Contains("manual-7.3", json, StringComparison.Ordinal);
        Assert.Contains("Gearbox housing: M8 bolts", json, StringComparison.Ordinal);
        Assert.Contains("\"gen_ai.prompt.version\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"{prompt.Version}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"input_tokens\":120", json.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"output_tokens\":18", json.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Clear and correct.", json, StringComparison.Ordinal);
        Assert.Contains("\"context_relevance\"", json, StringComparison.Ordinal);
        var summary = list.RootElement.GetProperty("items")[0];
        Assert.True(summary.GetProperty("cost_usd").GetDouble() > 0, "the cost processor priced gpt-4o-mini");
        Assert.Equal("operator-42", summary.GetProperty("user_id").GetString());
    }

    private static async Task<JsonDocument> PollAsync(RunningCollector collector, string path, Func<JsonDocument, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            using var response = await collector.Management.GetAsync(path).WaitAsync(TimeSpan.FromSeconds(30));
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var doc = JsonDocument.Parse(body);
                if (done(doc))
                {
                    return doc;
                }

                doc.Dispose();
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{path} did not reach the expected state within 60 s (last status {(int)response.StatusCode}): {body[..Math.Min(body.Length, 4000)]}");
            await Task.Delay(200);
        }
    }
}
