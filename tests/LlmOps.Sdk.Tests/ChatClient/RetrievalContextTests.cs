using System.Diagnostics;
using LlmOps.Sdk.Context;
using LlmOps.Sdk.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace LlmOps.Sdk.Tests.ChatClient;

[Collection(TelemetryCollection.Name)]
public sealed class RetrievalContextTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static LlmOpsDocument[] Documents() =>
    [
        new("kb-12", 0.92, "Press 4 hydraulic oil: ISO VG 46, change every 2000 h."),
        new("kb-07", 0.61, "Escalate leaks to maintenance lead at lead@factory.example."),
    ];

    [Fact]
    public async Task RecordRetrieval_InScopeBeforeChat_RetrievalSpanIsSiblingAndChatSpanHasIdsAndScores()
    {
        using var capture = new TelemetryCapture();
        using var app = new AppActivities("LlmOps.Sdk.Tests.App");
        using var client = new FakeChatClient().UseLlmOps();

        using (var parent = app.Source.StartActivity("answer question"))
        {
            using var scope = LlmOpsContext.BeginScope("sess-1", "user-7");
            scope.RecordRetrieval("hydraulic oil press 4", Documents(), dataSource: "factory-kb", duration: TimeSpan.FromMilliseconds(20));
            await client.GetResponseAsync("Which oil for press 4?").WaitAsync(Timeout);

            var retrieval = capture.Single("retrieval");
            var chat = capture.Single("chat");
            Assert.Equal("retrieval factory-kb", retrieval.DisplayName);
            Assert.Equal(ActivityKind.Client, retrieval.Kind);
            Assert.Equal(parent!.SpanId, retrieval.ParentSpanId);
            Assert.Equal(parent.SpanId, chat.ParentSpanId);
            Assert.Equal(parent.TraceId, retrieval.TraceId);
            Assert.Equal(TimeSpan.FromMilliseconds(20), retrieval.Duration);
            Assert.Equal("factory-kb", retrieval.GetTagItem("gen_ai.data_source.id"));
            Assert.Equal("""[{"id":"kb-12","score":0.92},{"id":"kb-07","score":0.61}]""", retrieval.GetTagItem("gen_ai.retrieval.documents"));
            Assert.Null(retrieval.GetTagItem("gen_ai.retrieval.query.text"));
            Assert.Equal("sess-1", retrieval.GetTagItem("session.id"));
            Assert.Equal(new[] { "kb-12", "kb-07" }, chat.GetTagItem("llmops.retrieval.document_ids"));
            Assert.Equal(new[] { 0.92, 0.61 }, chat.GetTagItem("llmops.retrieval.document_scores"));
        }
    }

    [Fact]
    public async Task RecordRetrieval_InScopeWithoutAmbientSpan_FirstChatJoinsItsTraceLaterChatsDoNot()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps();
        Assert.Null(Activity.Current);

        using var scope = LlmOpsContext.BeginScope("sess-2", "user-7");
        scope.RecordRetrieval("hydraulic oil press 4", Documents(), dataSource: "factory-kb");
        await client.GetResponseAsync("Which oil for press 4?").WaitAsync(Timeout);
        await client.GetResponseAsync("And for press 5?").WaitAsync(Timeout);

        var retrieval = capture.Single("retrieval");
        var chats = capture.Activities.Where(a => (string?)a.GetTagItem("gen_ai.operation.name") == "chat").ToList();
        Assert.Equal(2, chats.Count);
        Assert.Equal(default, retrieval.ParentSpanId);

        // The call that uses the retrieval shares its trace (one RAG turn, scored per trace); the next one does not,
        // so a session does not become one trace under a zero-length root.
        Assert.Equal((retrieval.TraceId, retrieval.SpanId), (chats[0].TraceId, chats[0].ParentSpanId));
        Assert.Equal(default, chats[1].ParentSpanId);
        Assert.NotEqual(retrieval.TraceId, chats[1].TraceId);
    }

    [Fact]
    public async Task RecordRetrieval_ClientOptedIn_QueryAndRedactedDocumentTextIncluded()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps(o => o.CaptureMessageContent = true);

        var recorded = LlmOpsContext.RecordRetrieval("leak escalation", Documents());
        Assert.Empty(capture.Activities);
        await client.GetResponseAsync("Who handles leaks?", new ChatOptions().WithLlmOpsRetrieval(recorded)).WaitAsync(Timeout);

        var retrieval = capture.Single("retrieval");
        Assert.Equal("retrieval documents", retrieval.DisplayName);
        Assert.Equal("leak escalation", retrieval.GetTagItem("gen_ai.retrieval.query.text"));
        Assert.Equal(
            """[{"id":"kb-12","score":0.92,"content":"Press 4 hydraulic oil: ISO VG 46, change every 2000 h."},{"id":"kb-07","score":0.61,"content":"Escalate leaks to maintenance lead at [REDACTED:EMAIL]."}]""",
            retrieval.GetTagItem("gen_ai.retrieval.documents"));
    }

    [Fact]
    public async Task RecordRetrieval_GlobalCaptureOnButClientOptedOut_NoQueryOrContent()
    {
        using var capture = new TelemetryCapture();
        var previous = LlmOpsInstrumentation.CaptureMessageContentByDefault;
        LlmOpsInstrumentation.CaptureMessageContentByDefault = true;
        try
        {
            using var client = new FakeChatClient().UseLlmOps(o => o.CaptureMessageContent = false);
            using var scope = LlmOpsContext.BeginScope("sess-3");
            scope.RecordRetrieval("query with erin@example.com", Documents(), "kb");
            await client.GetResponseAsync("Which oil?").WaitAsync(Timeout);
        }
        finally
        {
            LlmOpsInstrumentation.CaptureMessageContentByDefault = previous;
        }

        var retrieval = capture.Single("retrieval");
        Assert.Null(retrieval.GetTagItem("gen_ai.retrieval.query.text"));
        Assert.Equal("""[{"id":"kb-12","score":0.92},{"id":"kb-07","score":0.61}]""", retrieval.GetTagItem("gen_ai.retrieval.documents"));
    }

    [Fact]
    public async Task RecordRetrieval_ClientOptedInWithCustomRedactor_RedactorAppliedToQueryAndContent()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps(o =>
        {
            o.CaptureMessageContent = true;
            o.Redactor = new StarRedactor();
        });

        using (var scope = LlmOpsContext.BeginScope("sess-4"))
        {
            scope.RecordRetrieval("secret query", [new LlmOpsDocument("doc-2", 0.8, "secret doc")], "kb");
            await client.GetResponseAsync("question").WaitAsync(Timeout);
        }

        var retrieval = capture.Single("retrieval");
        Assert.Equal("****** query", retrieval.GetTagItem("gen_ai.retrieval.query.text"));
        Assert.Equal("""[{"id":"doc-2","score":0.8,"content":"****** doc"}]""", retrieval.GetTagItem("gen_ai.retrieval.documents"));
        Assert.Equal("sess-4", retrieval.GetTagItem("session.id"));
    }

    [Fact]
    public void RecordRetrieval_ScopeEndsWithoutChatCall_EmittedWithProcessDefault()
    {
        using var capture = new TelemetryCapture();
        using (var scope = LlmOpsContext.BeginScope("sess-5"))
        {
            scope.RecordRetrieval("leak escalation", Documents(), "kb");
            Assert.Empty(capture.Activities);
        }

        var retrieval = capture.Single("retrieval");
        Assert.Equal("retrieval kb", retrieval.DisplayName);
        Assert.Null(retrieval.GetTagItem("gen_ai.retrieval.query.text"));
    }

    [Fact]
    public async Task WithLlmOpsRetrieval_OnChatOptions_EmitsRetrievalSpanOnceAndTagsChat()
    {
        using var capture = new TelemetryCapture();
        using var client = new FakeChatClient().UseLlmOps();
        var retrieval = new LlmOpsRetrieval("oil", Documents(), "factory-kb");

        await client.GetResponseAsync("Which oil?", new ChatOptions().WithLlmOpsRetrieval(retrieval)).WaitAsync(Timeout);
        await client.GetResponseAsync("And again?", new ChatOptions().WithLlmOpsRetrieval(retrieval)).WaitAsync(Timeout);

        Assert.Single(capture.Activities, a => a.DisplayName == "retrieval factory-kb");
        var chats = capture.Activities.Where(a => a.DisplayName.StartsWith("chat", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, chats.Count);
        Assert.All(chats, c => Assert.Equal(new[] { "kb-12", "kb-07" }, c.GetTagItem("llmops.retrieval.document_ids")));
    }

    [Fact]
    public void BeginScope_Nested_InheritsAndRestoresOnDispose()
    {
        using var outer = LlmOpsContext.BeginScope("sess-1", "user-1");
        using (var inner = LlmOpsContext.BeginScope(userId: "user-2"))
        {
            Assert.Same(inner, LlmOpsContext.Current);
            Assert.Equal("sess-1", inner.SessionId);
            Assert.Equal("user-2", inner.UserId);
        }

        Assert.Same(outer, LlmOpsContext.Current);
    }

    [Fact]
    public async Task BeginScope_FlowsAcrossAwait_AndIsIsolatedBetweenFlows()
    {
        async Task<string?> Flow(string session)
        {
            using var scope = LlmOpsContext.BeginScope(session);
            await Task.Yield();
            return LlmOpsContext.Current?.SessionId;
        }

        var results = await Task.WhenAll(Flow("a"), Flow("b")).WaitAsync(Timeout);

        Assert.Equal("a", results[0]);
        Assert.Equal("b", results[1]);
    }

    private sealed class StarRedactor : LlmOps.Sdk.Redaction.IPiiRedactor
    {
        public string Redact(string text) => text.Replace("secret", "******", StringComparison.Ordinal);
    }
}
