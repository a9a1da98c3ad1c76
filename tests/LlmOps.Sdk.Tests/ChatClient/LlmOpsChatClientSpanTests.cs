using System.Diagnostics;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Tests.ChatClient;

[Collection(TelemetryCollection.Name)]
public sealed class LlmOpsChatClientSpanTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static ChatResponse FullResponse() =>
        new(new ChatMessage(ChatRole.Assistant, "Spindle 3 needs grease."))
        {
            ResponseId = "resp-123",
            ModelId = "gpt-test-2026-01",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = 120,
                OutputTokenCount = 30,
                CachedInputTokenCount = 64,
                ReasoningTokenCount = 7,
            },
        };

    [Fact]
    public async Task GetResponseAsync_PlainCall_SpanHasNameKindAndGenAiAttributes()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient { OnResponse = (_, _, _) => Task.FromResult(FullResponse()) };
        using var client = inner.UseLlmOps();

        await client.GetResponseAsync("How do I grease spindle 3?").WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal("chat gpt-test", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("gpt-test", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("api.example.test", span.GetTagItem("server.address"));
        Assert.Equal(8443, span.GetTagItem("server.port"));
        Assert.Equal("resp-123", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal("gpt-test-2026-01", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(new[] { "stop" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(120L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(30L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(64L, span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(7L, span.GetTagItem("gen_ai.usage.reasoning.output_tokens"));
        Assert.Null(span.GetTagItem("gen_ai.request.stream"));
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task GetResponseAsync_RequestParameters_AllRecorded()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps();
        var options = new ChatOptions
        {
            ModelId = "gpt-other",
            Temperature = 0.25f,
            TopP = 0.5f,
            TopK = 40,
            MaxOutputTokens = 256,
            FrequencyPenalty = 0.75f,
            PresencePenalty = 0.125f,
            Seed = 42,
            StopSequences = ["END", "STOP"],
            ResponseFormat = ChatResponseFormat.Json,
        };

        await client.GetResponseAsync("hi", options).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal("chat gpt-other", span.DisplayName);
        Assert.Equal("gpt-other", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(0.25, span.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(0.5, span.GetTagItem("gen_ai.request.top_p"));
        Assert.Equal(40.0, span.GetTagItem("gen_ai.request.top_k"));
        Assert.Equal(256, span.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(0.75, span.GetTagItem("gen_ai.request.frequency_penalty"));
        Assert.Equal(0.125, span.GetTagItem("gen_ai.request.presence_penalty"));
        Assert.Equal(42L, span.GetTagItem("gen_ai.request.seed"));
        Assert.Equal(new[] { "END", "STOP" }, span.GetTagItem("gen_ai.request.stop_sequences"));
        Assert.Equal("json", span.GetTagItem("gen_ai.output.type"));
    }

    [Fact]
    public async Task GetResponseAsync_InnerThrows_ErrorStatusTypeAndExceptionEvent()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient { OnResponse = (_, _, _) => Task.FromException<ChatResponse>(new InvalidOperationException("quota exceeded")) };
        using var client = inner.UseLlmOps();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("hi").WaitAsync(Timeout));

        Assert.Equal("quota exceeded", thrown.Message);
        var span = capture.Single("chat");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.InvalidOperationException", span.StatusDescription);
        Assert.Equal("System.InvalidOperationException", span.GetTagItem("error.type"));
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task GetResponseAsync_Cancelled_ErrorStatusWithCancellationType()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient
        {
            OnResponse = async (_, _, ct) =>
            {
                await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, ct);
                return new ChatResponse();
            },
        };
        using var client = inner.UseLlmOps();
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync("hi", cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Timeout));
        var span = capture.Single("chat");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("The operation was canceled.", span.StatusDescription);
        Assert.Equal("System.Threading.Tasks.TaskCanceledException", span.GetTagItem("error.type"));
        Assert.DoesNotContain(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task GetResponseAsync_ScopeContext_SessionUserPromptOnSpan()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps();
        using var scope = LlmOpsContext.BeginScope(sessionId: "sess-1", userId: "user-7");
        scope.PromptName = "maintenance-assistant";
        scope.PromptVersion = "3";
        scope.PromptLabel = "production";

        await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal("sess-1", span.GetTagItem("session.id"));
        Assert.Equal("sess-1", span.GetTagItem("gen_ai.conversation.id"));
        Assert.Equal("user-7", span.GetTagItem("user.id"));
        Assert.Equal("maintenance-assistant", span.GetTagItem("gen_ai.prompt.name"));
        Assert.Equal("3", span.GetTagItem("gen_ai.prompt.version"));
        Assert.Equal("production", span.GetTagItem("llmops.prompt.label"));
    }

    [Fact]
    public async Task GetResponseAsync_ConversationIdInOptions_WinsForConversationButSessionKept()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps();
        using var scope = LlmOpsContext.BeginScope(sessionId: "sess-1");

        await client.GetResponseAsync("hi", new ChatOptions { ConversationId = "conv-9" }).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal("conv-9", span.GetTagItem("gen_ai.conversation.id"));
        Assert.Equal("sess-1", span.GetTagItem("session.id"));
    }

    [Fact]
    public async Task GetResponseAsync_ChatOptionsContext_OverridesScopeAndIsRemovedBeforeInner()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient();
        using var client = inner.UseLlmOps();
        using var scope = LlmOpsContext.BeginScope(sessionId: "scope-session", userId: "scope-user");
        var options = new ChatOptions { AdditionalProperties = new() { ["provider_flag"] = "x" } }
            .WithLlmOpsSession("call-session")
            .WithLlmOpsUser("call-user")
            .WithLlmOpsPrompt("triage", "5", "test");

        await client.GetResponseAsync("hi", options).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal("call-session", span.GetTagItem("session.id"));
        Assert.Equal("call-user", span.GetTagItem("user.id"));
        Assert.Equal("triage", span.GetTagItem("gen_ai.prompt.name"));
        Assert.Equal("5", span.GetTagItem("gen_ai.prompt.version"));
        Assert.Equal("test", span.GetTagItem("llmops.prompt.label"));
        Assert.NotNull(inner.LastOptions?.AdditionalProperties);
        Assert.False(inner.LastOptions.AdditionalProperties.ContainsKey("llmops.context"));
        Assert.Equal("x", inner.LastOptions.AdditionalProperties["provider_flag"]);
        Assert.True(options.AdditionalProperties!.ContainsKey("llmops.context"));
    }

    [Fact]
    public async Task GetResponseAsync_AttachResponseReference_ResponseCarriesReferenceToItsSpan()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient { OnResponse = (_, _, _) => Task.FromResult(FullResponse()) };
        using var client = inner.UseLlmOps(o => o.AttachResponseReference = true);
        using var scope = LlmOpsContext.BeginScope(sessionId: "s");

        var response = await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var span = capture.Single("chat");
        var reference = response.GetLlmOpsReference();
        Assert.NotNull(reference);
        Assert.Equal(span.TraceId.ToHexString(), reference.TraceId);
        Assert.Equal(span.SpanId.ToHexString(), reference.SpanId);
        Assert.Equal("resp-123", reference.ResponseId);
        Assert.Same(reference, scope.LastResponse);
    }

    [Fact]
    public async Task GetResponseAsync_DefaultOptions_ResponseUntouchedAndScopeHasSpanReference()
    {
        using var capture = new TelemetryCapture();
        var inner = new FakeChatClient { OnResponse = (_, _, _) => Task.FromResult(FullResponse()) };
        using var client = inner.UseLlmOps();
        using var scope = LlmOpsContext.BeginScope("s");

        var response = await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Null(response.AdditionalProperties);
        var byResponseId = response.GetLlmOpsReference();
        Assert.NotNull(byResponseId);
        Assert.Null(byResponseId.TraceId);
        Assert.Equal("resp-123", byResponseId.ResponseId);
        Assert.Equal(span.SpanId.ToHexString(), scope.LastResponse?.SpanId);
        Assert.Equal("resp-123", scope.LastResponse?.ResponseId);
    }

    [Fact]
    public async Task GetResponseAsync_NoListener_ReturnsInnerTaskUnchangedAndNoSpan()
    {
        var expected = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        using var client = new FakeChatClient { OnResponse = (_, _, _) => expected }.UseLlmOps();

        var task = client.GetResponseAsync("hi");

        Assert.Same(expected, task);
        var response = await task.WaitAsync(Timeout);
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task GetResponseAsync_TelemetryThrows_CallSucceedsAndFailureCounted()
    {
        using var capture = new TelemetryCapture();
        var before = LlmOpsInstrumentation.TelemetryFailureCount;
        using var client = new FakeChatClient().UseLlmOps(o =>
        {
            o.CaptureMessageContent = true;
            o.Redactor = new ThrowingRedactor();
        });

        var response = await client.GetResponseAsync("hi").WaitAsync(Timeout);

        Assert.Equal("ok", response.Text);
        Assert.True(LlmOpsInstrumentation.TelemetryFailureCount > before);
    }

    [Fact]
    public async Task GetResponseAsync_ProviderNameOption_OverridesMetadata()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient { Metadata = new ChatClientMetadata() }.UseLlmOps(o => o.ProviderName = "azure.ai.openai");

        await client.GetResponseAsync("hi").WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal("chat", span.DisplayName);
        Assert.Equal("azure.ai.openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Null(span.GetTagItem("server.address"));
    }

    [Fact]
    public async Task GetResponseAsync_RedactorThrows_SpanStoppedAndExportedDurationRecordedNoLeakedCurrent()
    {
        using var capture = new TelemetryCapture();
        string? innerSaw = null;
        var inner = new FakeChatClient
        {
            OnResponse = (_, _, _) =>
            {
                innerSaw = Activity.Current?.DisplayName;
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
            },
        };
        using var client = inner.UseLlmOps(o =>
        {
            o.CaptureMessageContent = true;
            o.Redactor = new ThrowingRedactor();
        });

        await client.GetResponseAsync("hi").WaitAsync(Timeout);
        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("hi").WithCancellation(CancellationToken.None))
        {
            streamed.Add(update);
        }

        var spans = capture.Activities.Where(a => (string?)a.GetTagItem("gen_ai.operation.name") == "chat").ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.True(s.IsStopped));
        Assert.All(spans, s => Assert.Null(s.GetTagItem("gen_ai.input.messages")));
        Assert.All(spans, s => Assert.Null(s.GetTagItem("gen_ai.output.messages")));
        Assert.Equal("chat gpt-test", innerSaw);
        Assert.Null(Activity.Current);
        var duration = Assert.Single(capture.CollectMetrics(), p => p.Name == "gen_ai.client.operation.duration");
        Assert.Equal(2, duration.Count);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "provider exploded: user [REDACTED:EMAIL] said 'secret prompt'")]
    public async Task GetResponseAsync_InnerThrowsWithPii_MessageExportedOnlyWithCaptureAndRedacted(bool capture, string? expected)
    {
        using var telemetry = new TelemetryCapture();
        var inner = new FakeChatClient
        {
            OnResponse = (_, _, _) => Task.FromException<ChatResponse>(new InvalidOperationException("provider exploded: user alice@example.com said 'secret prompt'")),
        };
        using var client = inner.UseLlmOps(o => o.CaptureMessageContent = capture);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("hi").WaitAsync(Timeout));

        var span = telemetry.Single("chat");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(expected ?? "System.InvalidOperationException", span.StatusDescription);
        Assert.Equal("System.InvalidOperationException", span.GetTagItem("error.type"));
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        var tags = exception.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("System.InvalidOperationException", tags["exception.type"]);
        Assert.Equal(expected, tags.GetValueOrDefault("exception.message"));
        var exported = string.Join("|", tags.Values) + "|" + span.StatusDescription;
        Assert.DoesNotContain("alice@example.com", exported, StringComparison.Ordinal);
        Assert.Equal(capture, exported.Contains("secret prompt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponseAsync_FloatParameters_ExportedWithoutFloatNoise()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps();

        await client.GetResponseAsync("hi", new ChatOptions { Temperature = 0.2f, TopP = 0.9f, FrequencyPenalty = 0.1f, PresencePenalty = 1.3f }).WaitAsync(Timeout);

        var span = capture.Single("chat");
        Assert.Equal(0.2, span.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(0.9, span.GetTagItem("gen_ai.request.top_p"));
        Assert.Equal(0.1, span.GetTagItem("gen_ai.request.frequency_penalty"));
        Assert.Equal(1.3, span.GetTagItem("gen_ai.request.presence_penalty"));
    }
}
