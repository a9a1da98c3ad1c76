using System.Net;
using System.Text.Json;
using LlmOps.Processors.Model;
using LlmOps.Storage.Tests.Support;
using Xunit;

namespace LlmOps.Storage.Tests.Api;

public sealed class QueryApiEndpointsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private QueryApiServer? _server;

    private QueryApiServer Server => _server!;

    public async Task InitializeAsync()
    {
        _server = await QueryApiServer.StartAsync().WaitAsync(Timeout);
        var batch = new TelemetryBatch();
        for (var i = 0; i < 7; i++)
        {
            var t = TestData.TraceId(100 + i);
            batch.Spans.Add(TestData.Chat(t, TestData.SpanId(1), startOffsetMs: i * 1000, model: i % 2 == 0 ? "gpt-4o" : "claude-sonnet", session: "s-api", user: "carol", input: $"question {i} about pumps"));
        }

        var rag = TestData.TraceId(200);
        var root = TestData.Root(rag, TestData.SpanId(1), startOffsetMs: 100_000, session: "s-rag", user: "dave");
        var retrieval = TestData.Retrieval(rag, TestData.SpanId(2), root.SpanId, startOffsetMs: 100_010);
        var chat = TestData.Chat(rag, TestData.SpanId(3), root.SpanId, startOffsetMs: 100_050, session: "s-rag", user: "dave");
        batch.Spans.AddRange([root, retrieval, chat]);
        batch.Logs.Add(TestData.Evaluation(rag, chat.SpanId, "user_feedback", 1, "thumbs_up"));
        await Server.Store.WriteAsync(batch, CancellationToken.None).WaitAsync(Timeout);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync().AsTask().WaitAsync(Timeout);

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url)
    {
        using var response = await Server.Client.GetAsync(new Uri(url, UriKind.Relative)).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        using var doc = JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    [Fact]
    public async Task ListTraces_Paged_FollowsNextCursorToEveryTrace()
    {
        var (status, first) = await GetAsync("/api/v1/traces?limit=5");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, first.GetProperty("items").GetArrayLength());
        var newest = first.GetProperty("items")[0];
        Assert.Equal(TestData.TraceId(200), newest.GetProperty("trace_id").GetString());
        Assert.Equal("POST /ask", newest.GetProperty("name").GetString());
        Assert.Equal(3, newest.GetProperty("span_count").GetInt32());
        Assert.Equal("ok", newest.GetProperty("status").GetString());
        Assert.Equal("2026-01-01T00:01:40.0000000Z", newest.GetProperty("start_time").GetString());

        var cursor = first.GetProperty("next_cursor").GetString();
        var (status2, second) = await GetAsync("/api/v1/traces?limit=5&cursor=" + Uri.EscapeDataString(cursor!));
        Assert.Equal(HttpStatusCode.OK, status2);
        Assert.Equal(3, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task ListTraces_Filters_ApplyModelTimeTextAndSort()
    {
        var (_, byModel) = await GetAsync("/api/v1/traces?model=claude-sonnet&from=2026-01-01T00:00:00Z&to=1767225605000");
        Assert.Equal(2, byModel.GetProperty("items").GetArrayLength());
        var (_, byText) = await GetAsync("/api/v1/traces?q=question%203%20pumps");
        Assert.Equal(TestData.TraceId(103), Assert.Single(byText.GetProperty("items").EnumerateArray()).GetProperty("trace_id").GetString());
        Assert.False(byText.GetProperty("search_incomplete").GetBoolean());
        var (_, bySort) = await GetAsync("/api/v1/traces?sort=duration&order=asc&limit=1&user=carol&status=ok&min_latency_ms=0&max_cost=1");
        Assert.Equal(1200, bySort.GetProperty("items")[0].GetProperty("duration_ms").GetDouble());
    }

    [Theory]
    [InlineData("status=bad", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-01-02T00:00:00", "from")]
    [InlineData("from=1767312000000&to=1767225600000", "from")]
    [InlineData("sort=name", "sort")]
    [InlineData("order=up", "order")]
    [InlineData("min_latency_ms=-1", "min_latency_ms")]
    [InlineData("min_cost=NaN", "min_cost")]
    [InlineData("min_cost=2&max_cost=1", "min_cost")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("sort=cost&cursor=dDF8MnxkfE5hTnwwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMQ", "cursor")]
    [InlineData("sort=cost&cursor=dDF8MnxkfEluZmluaXR5fDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAx", "cursor")]
    [InlineData("sort=cost&cursor=dDF8MnxkfDFlOTk5fDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAx", "cursor")]
    [InlineData("q=a+b+c+d+e+f+g+h+i+j+k+l+m+n+o+p+question", "q")]
    [InlineData("q=%21%21%21", "q")]
    [InlineData("model=", "model")]
    [InlineData("user=a&user=b", "user")]
    public async Task ListTraces_InvalidParameter_Returns400ProblemNamingIt(string query, string parameter)
    {
        var (status, body) = await GetAsync("/api/v1/traces?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
        Assert.Contains(parameter, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTraces_TimesPastTheLastUnixNanosecond_SelectAsThatMoment()
    {
        // Unix nanoseconds end in 2262; a later bound once wrapped to a negative number (every trace, or "inverted").
        var (status, after) = await GetAsync("/api/v1/traces?from=2300-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, after.GetProperty("items").GetArrayLength());
        var (status2, within) = await GetAsync("/api/v1/traces?from=2020-01-01T00:00:00Z&to=2300-01-01T00:00:00Z&limit=500");
        Assert.Equal(HttpStatusCode.OK, status2);
        Assert.Equal(8, within.GetProperty("items").GetArrayLength());
        var (status3, inMs) = await GetAsync("/api/v1/traces?to=99999999999999999");
        Assert.Equal(HttpStatusCode.OK, status3);
        Assert.Equal(8, inMs.GetProperty("items").GetArrayLength());
        var (status4, sessions) = await GetAsync("/api/v1/sessions?from=2300-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, status4);
        Assert.Equal(0, sessions.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ListTraces_CursorOfAnotherSort_Returns400()
    {
        var (_, page) = await GetAsync("/api/v1/traces?limit=1&sort=cost");
        var cursor = page.GetProperty("next_cursor").GetString()!;
        var (status, body) = await GetAsync("/api/v1/traces?limit=1&cursor=" + Uri.EscapeDataString(cursor));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("cursor", body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task GetTrace_RagTrace_ReturnsTreeWithTypedAttributesRetrievalContextAndEvaluations()
    {
        var (status, body) = await GetAsync("/api/v1/traces/" + TestData.TraceId(200).ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, status);
        var root = Assert.Single(body.GetProperty("spans").EnumerateArray());
        Assert.Equal("POST /ask", root.GetProperty("name").GetString());
        var children = root.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(2, children.Count);
        var retrieval = children[0];
        var chat = children[1];
        Assert.Equal("retrieval", retrieval.GetProperty("gen_ai").GetProperty("operation").GetString());
        Assert.Equal("doc-1", retrieval.GetProperty("retrieval_documents")[0].GetProperty("id").GetString());

        Assert.Equal("chat", chat.GetProperty("gen_ai").GetProperty("operation").GetString());
        var context = Assert.Single(chat.GetProperty("retrieval_context").EnumerateArray());
        Assert.Equal(TestData.SpanId(2), context.GetProperty("span_id").GetString());
        Assert.Equal(0.91, context.GetProperty("documents")[0].GetProperty("score").GetDouble());
        var tokens = chat.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "gen_ai.usage.input_tokens");
        Assert.Equal("100", tokens.GetProperty("value").GetProperty("intValue").GetString());
        Assert.Equal("gen_ai.content.chunk", chat.GetProperty("events")[0].GetProperty("name").GetString());
        Assert.Equal("follows", chat.GetProperty("links")[0].GetProperty("attributes")[0].GetProperty("value").GetProperty("stringValue").GetString());
        Assert.Equal(2, chat.GetProperty("links")[0].GetProperty("dropped_attributes_count").GetInt32());
        Assert.Equal("factory-assistant", chat.GetProperty("resource").GetProperty("attributes")[0].GetProperty("value").GetProperty("stringValue").GetString());
        Assert.Equal("pii", chat.GetProperty("guardrail_flags")[0].GetProperty("rule").GetString());
        Assert.Equal("thumbs_up", Assert.Single(chat.GetProperty("evaluations").EnumerateArray()).GetProperty("score_label").GetString());
        Assert.Single(body.GetProperty("evaluations").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gen_ai").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/traces/0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/traces/xyz", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/sessions/no-such-session", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/sessions/s-api?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/sessions?cursor=zzz", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/sessions?from=soon", HttpStatusCode.BadRequest)]
    public async Task Endpoints_UnknownOrInvalid_ReturnProblem(string url, HttpStatusCode expected)
    {
        var (status, body) = await GetAsync(url);
        Assert.Equal(expected, status);
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Sessions_ListAndDetail_ReturnRollupAndConversation()
    {
        var (status, list) = await GetAsync("/api/v1/sessions?user=carol");
        Assert.Equal(HttpStatusCode.OK, status);
        var session = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("s-api", session.GetProperty("session_id").GetString());
        Assert.Equal(7, session.GetProperty("trace_count").GetInt32());

        var (_, paged) = await GetAsync("/api/v1/sessions?limit=1");
        Assert.Equal("s-rag", paged.GetProperty("items")[0].GetProperty("session_id").GetString());
        var (_, next) = await GetAsync("/api/v1/sessions?limit=1&cursor=" + Uri.EscapeDataString(paged.GetProperty("next_cursor").GetString()!));
        Assert.Equal("s-api", next.GetProperty("items")[0].GetProperty("session_id").GetString());

        var (detailStatus, detail) = await GetAsync("/api/v1/sessions/s-api?limit=3");
        Assert.Equal(HttpStatusCode.OK, detailStatus);
        Assert.True(detail.GetProperty("truncated").GetBoolean());
        var traces = detail.GetProperty("traces").EnumerateArray().ToList();
        Assert.Equal(["question 0 about pumps", "question 1 about pumps", "question 2 about pumps"], traces.Select(t => t.GetProperty("input").GetString()));
        Assert.Equal("Open the maintenance menu and run the calibration wizard.", traces[0].GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("line/3/press")]
    [InlineData("100%2F in a name")]
    [InlineData("q?x=1&y=2#frag")]
    [InlineData("a%b %41 ü")]
    public async Task SessionDetail_IdWithSlashPercentOrQueryCharacters_FoundByItsEscapedId(string sessionId)
    {
        var t = TestData.TraceId(300 + Math.Abs(sessionId.GetHashCode(StringComparison.Ordinal) % 1000));
        await Server.Store.WriteAsync(TestData.Batch(TestData.Chat(t, TestData.SpanId(1), session: sessionId)), CancellationToken.None).WaitAsync(Timeout);

        var (status, detail) = await GetAsync("/api/v1/sessions/" + Uri.EscapeDataString(sessionId) + "?limit=5");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(sessionId, detail.GetProperty("session").GetProperty("session_id").GetString());
        Assert.Equal(t, Assert.Single(detail.GetProperty("traces").EnumerateArray()).GetProperty("trace_id").GetString());
    }
}
