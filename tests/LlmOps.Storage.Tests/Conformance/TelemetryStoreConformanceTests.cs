using LlmOps.Processors.Model;
using LlmOps.Sdk;
using LlmOps.Storage.Queries;
using LlmOps.Storage.Tests.Support;
using Xunit;

namespace LlmOps.Storage.Tests.Conformance;

/// <summary>
/// The one storage test suite. Each derived class runs every test against one implementation; each test gets an
/// empty store.
/// </summary>
public abstract class TelemetryStoreConformanceTests : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ITelemetryStore? _store;

    private protected ITelemetryStore Store => _store ?? throw new InvalidOperationException("store not created");

    private protected abstract Task<ITelemetryStore> CreateStoreAsync(StorageOptions options);

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync(new StorageOptions()).WaitAsync(Timeout);
        await _store.InitializeAsync(CancellationToken.None).WaitAsync(Timeout);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().AsTask().WaitAsync(Timeout);
        }

        await CleanupAsync().WaitAsync(Timeout);
    }

    private Task<WriteResult> WriteAsync(TelemetryBatch batch) => Store.WriteAsync(batch, CancellationToken.None).WaitAsync(Timeout);

    private Task<TracePage> QueryAsync(TraceQuery q) => Store.QueryTracesAsync(q, CancellationToken.None).WaitAsync(Timeout);

    [StoreFact]
    public async Task WriteAsync_RoundTrip_ReturnsEveryFieldAndTypedAttribute()
    {
        var t = TestData.TraceId(1);
        var root = TestData.Root(t, TestData.SpanId(1), user: "alice", session: "s-1");
        var retrieval = TestData.Retrieval(t, TestData.SpanId(2), root.SpanId, startOffsetMs: 10);
        var chat = TestData.Chat(t, TestData.SpanId(3), root.SpanId, startOffsetMs: 50, session: "s-1");
        var result = await WriteAsync(TestData.Batch(root, retrieval, chat));
        Assert.Equal(new WriteResult(3, 0, 0, 0), result);

        var detail = await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout);
        Assert.NotNull(detail);
        Assert.Equal(3, detail.Spans.Count);
        SpanAssert.Equal(root, detail.Spans[0]);
        SpanAssert.Equal(retrieval, detail.Spans[1]);
        SpanAssert.Equal(chat, detail.Spans[2]);
        Assert.Equal(2, detail.Spans[1].GenAi.RetrievalDocuments.Count);
        Assert.Equal("torque sensor calibration", detail.Spans[1].GenAi.RetrievalQuery);

        var s = detail.Summary;
        Assert.Equal(t, s.TraceId);
        Assert.Equal(root.SpanId, s.RootSpanId);
        Assert.Equal("POST /ask", s.Name);
        Assert.Equal("factory-assistant", s.ServiceName);
        Assert.Equal(root.StartTimeUnixNano, s.StartTimeUnixNano);
        Assert.Equal(root.EndTimeUnixNano, s.EndTimeUnixNano);
        Assert.Equal(2000, s.DurationMs, 6);
        Assert.Equal(3, s.SpanCount);
        Assert.Equal(TraceStatus.Ok, s.Status);
        Assert.Equal(["gpt-4o", "gpt-4o-2024-08-06"], s.Models);
        Assert.Equal("alice", s.UserId);
        Assert.Equal("s-1", s.SessionId);
        Assert.Equal(100, s.InputTokens);
        Assert.Equal(50, s.OutputTokens);
        Assert.Equal(0.0025, s.CostUsd!.Value, 9);
        Assert.Equal(chat.GenAi.InputText, s.InputText);
        Assert.Equal(chat.GenAi.OutputText, s.OutputText);
    }

    [StoreFact]
    public async Task WriteAsync_SameBatchTwice_StoresEachRecordOnce()
    {
        var t = TestData.TraceId(2);
        var batch = TestData.Batch(TestData.Root(t, TestData.SpanId(1), session: "s-2"), TestData.Chat(t, TestData.SpanId(2), TestData.SpanId(1), session: "s-2"));
        batch.Logs.Add(TestData.Evaluation(t, TestData.SpanId(2), "user_feedback", 1, "thumbs_up"));
        batch.Logs.Add(TestData.Log("hello", t));

        Assert.Equal(new WriteResult(2, 0, 1, 1), await WriteAsync(batch));
        Assert.Equal(new WriteResult(0, 2, 0, 0), await WriteAsync(batch));

        Assert.Equal(2, await Store.CountSpansAsync(CancellationToken.None).WaitAsync(Timeout));
        var detail = await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(2, detail!.Summary.SpanCount);
        Assert.Equal(100, detail.Summary.InputTokens);
        Assert.Single(detail.Evaluations);
        var session = await Store.GetSessionAsync("s-2", 100, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(1, session!.Summary.TraceCount);
        Assert.Equal(150, session.Summary.TotalTokens);
    }

    [StoreFact]
    public async Task WriteAsync_PartialDuplicates_StoresOnlyNewSpansAndCountsThemOnce()
    {
        var t = TestData.TraceId(3);
        var first = TestData.Chat(t, TestData.SpanId(2), TestData.SpanId(1), startOffsetMs: 10, inputTokens: 10, outputTokens: 1, cost: 1);
        var second = TestData.Chat(t, TestData.SpanId(3), TestData.SpanId(1), startOffsetMs: 20, inputTokens: 20, outputTokens: 2, cost: 2);
        var root = TestData.Root(t, TestData.SpanId(1));
        await WriteAsync(TestData.Batch(first));

        // The retry carries the old span again, plus new ones, plus a duplicate inside the batch itself.
        var result = await WriteAsync(TestData.Batch(first, second, root, second));
        Assert.Equal(2, result.SpansInserted);
        Assert.Equal(2, result.SpanDuplicates);

        var s = (await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout))!.Summary;
        Assert.Equal(3, s.SpanCount);
        Assert.Equal(30, s.InputTokens);
        Assert.Equal(3, s.OutputTokens);
        Assert.Equal(3, s.CostUsd!.Value, 9);
    }

    [StoreFact]
    public async Task WriteAsync_TraceSplitAcrossBatches_RollsUpLikeOneBatch()
    {
        var t = TestData.TraceId(4);
        var chat = TestData.Chat(t, TestData.SpanId(2), TestData.SpanId(1), startOffsetMs: 100, model: "claude-sonnet", user: null, session: null, status: StatusCodeValue.Error);
        var root = TestData.Root(t, TestData.SpanId(1), startOffsetMs: 0, durationMs: 5000, name: "agent run", user: "bob", session: "s-4");
        var tool = TestData.Chat(t, TestData.SpanId(3), TestData.SpanId(1), startOffsetMs: 3000, model: "gpt-4o-mini", user: null, session: null, output: "final answer");

        await WriteAsync(TestData.Batch(chat));
        var provisional = (await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout))!.Summary;
        Assert.Null(provisional.RootSpanId);
        Assert.Equal(chat.Name, provisional.Name);

        await WriteAsync(TestData.Batch(root));
        await WriteAsync(TestData.Batch(tool));
        var s = (await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout))!.Summary;
        Assert.Equal(root.SpanId, s.RootSpanId);
        Assert.Equal("agent run", s.Name);
        Assert.Equal(5000, s.DurationMs, 6);
        Assert.Equal(TraceStatus.Error, s.Status);
        Assert.Equal(1, s.ErrorCount);
        Assert.Equal(["claude-sonnet", "claude-sonnet-2024-08-06", "gpt-4o-mini", "gpt-4o-mini-2024-08-06"], s.Models);
        Assert.Equal("bob", s.UserId);
        Assert.Equal("s-4", s.SessionId);
        Assert.Equal(chat.GenAi.InputText, s.InputText);
        Assert.Equal("final answer", s.OutputText);

        // The session learnt of the trace only with the root, yet counts the tokens of the spans stored before.
        var session = (await Store.GetSessionAsync("s-4", 10, CancellationToken.None).WaitAsync(Timeout))!;
        Assert.Equal(1, session.Summary.TraceCount);
        Assert.Equal(1, session.Summary.ErrorTraceCount);
        Assert.Equal(300, session.Summary.TotalTokens);
    }

    [StoreFact]
    public async Task WriteAsync_SessionSpansInAnyBatchOrder_RollUpIdentically()
    {
        // Two traces of one session, each split over batches; every order of the batches gives the same session row.
        int[][] orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
        var summaries = new List<SessionSummary>();
        for (var o = 0; o < orders.Length; o++)
        {
            var session = $"order-{o}";
            var t1 = TestData.TraceId(100 + (o * 2));
            var t2 = TestData.TraceId(101 + (o * 2));
            SpanRecord[] spans =
            [
                TestData.Root(t1, TestData.SpanId(1), startOffsetMs: 0, durationMs: 4000, name: "run", user: "carol", session: session),
                TestData.Chat(t1, TestData.SpanId(2), TestData.SpanId(1), startOffsetMs: 50, model: "gpt-4o", user: null, session: null, status: StatusCodeValue.Error),
                TestData.Root(t2, TestData.SpanId(3), startOffsetMs: 9000, durationMs: 1000, name: "run", user: "alice", session: session),
                TestData.Chat(t2, TestData.SpanId(4), TestData.SpanId(3), startOffsetMs: 9100, model: "gpt-4o", user: null, session: null),
            ];
            foreach (var i in orders[o])
            {
                await WriteAsync(TestData.Batch(spans[i]));
            }

            summaries.Add((await Store.GetSessionAsync(session, 10, CancellationToken.None).WaitAsync(Timeout))!.Summary);
        }

        var first = summaries[0];
        Assert.Equal(2, first.TraceCount);
        Assert.Equal(1, first.ErrorTraceCount);
        Assert.Equal("alice", first.UserId);
        foreach (var s in summaries)
        {
            Assert.Equal(
                (first.TraceCount, first.ErrorTraceCount, first.InputTokens, first.OutputTokens, first.TotalTokens, first.UserId, first.FirstSeenUnixNano, first.LastSeenUnixNano),
                (s.TraceCount, s.ErrorTraceCount, s.InputTokens, s.OutputTokens, s.TotalTokens, s.UserId, s.FirstSeenUnixNano, s.LastSeenUnixNano));
            Assert.Equal(first.CostUsd!.Value, s.CostUsd!.Value, 9);
        }
    }

    [StoreFact]
    public async Task WriteAsync_ManyNewTracesOfSeveralSessionsInABatch_RollUpAsWhenWrittenOneByOne()
    {
        // 24 new traces over three sessions in two batches, and the same traces (under other session names) one batch
        // each: the session rows must be the same, and match the sums worked out here.
        SpanRecord Span(int i, string prefix) => TestData.Chat(
            TestData.TraceId((prefix == "all" ? 500 : 600) + i),
            TestData.SpanId(i + 1),
            startOffsetMs: 1000L * i,
            durationMs: 100 + i,
            user: i % 4 == 0 ? null : $"user-{(i * 7) % 5}",
            session: $"{prefix}-{i % 3}",
            inputTokens: 10 + i,
            outputTokens: 2 * i,
            cost: i % 5 == 0 ? null : 0.001 * i,
            status: i % 6 == 1 ? StatusCodeValue.Error : StatusCodeValue.Ok);

        // The first batch creates the sessions, the second adds 21 traces to them.
        await WriteAsync(TestData.Batch([.. Enumerable.Range(0, 3).Select(i => Span(i, "all"))]));
        await WriteAsync(TestData.Batch([.. Enumerable.Range(3, 21).Select(i => Span(i, "all"))]));
        for (var i = 0; i < 24; i++)
        {
            await WriteAsync(TestData.Batch(Span(i, "one")));
        }

        for (var k = 0; k < 3; k++)
        {
            var batched = (await Store.GetSessionAsync($"all-{k}", 50, CancellationToken.None).WaitAsync(Timeout))!.Summary;
            var single = (await Store.GetSessionAsync($"one-{k}", 50, CancellationToken.None).WaitAsync(Timeout))!.Summary;
            var members = Enumerable.Range(0, 24).Where(i => i % 3 == k).ToArray();
            Assert.Equal(members.Length, batched.TraceCount);
            Assert.Equal(members.Count(i => i % 6 == 1), batched.ErrorTraceCount);
            Assert.Equal(members.Sum(i => 10L + i), batched.InputTokens);
            Assert.Equal(members.Sum(i => 2L * i), batched.OutputTokens);
            Assert.Equal(members.Sum(i => 10L + (3 * i)), batched.TotalTokens);
            Assert.Equal(members.Where(i => i % 4 != 0).Select(i => $"user-{(i * 7) % 5}").Min(StringComparer.Ordinal), batched.UserId);
            Assert.Equal(
                (single.TraceCount, single.ErrorTraceCount, single.InputTokens, single.OutputTokens, single.TotalTokens, single.UserId, single.FirstSeenUnixNano, single.LastSeenUnixNano),
                (batched.TraceCount, batched.ErrorTraceCount, batched.InputTokens, batched.OutputTokens, batched.TotalTokens, batched.UserId, batched.FirstSeenUnixNano, batched.LastSeenUnixNano));
            Assert.Equal(single.CostUsd!.Value, batched.CostUsd!.Value, 9);
        }
    }

    [StoreFact]
    public async Task WriteAsync_BatchOfThousandsOfSpans_StoresEachOnceAndRollsUpItsSessions()
    {
        // 400 traces of 3 spans over 8 sessions in one batch (PostgreSQL writes a batch this size as parallel parts);
        // the first 50 traces were stored before, so their spans come back as duplicates and add nothing.
        SpanRecord[] Trace(int t) =>
        [
            TestData.Root(TestData.TraceId(3000 + t), TestData.SpanId(1), startOffsetMs: t * 10L, durationMs: 500, user: $"u-{t % 5}", session: $"big-{t % 8}"),
            TestData.Chat(TestData.TraceId(3000 + t), TestData.SpanId(2), TestData.SpanId(1), startOffsetMs: (t * 10L) + 10, durationMs: 100, user: null, session: null,
                inputTokens: t, outputTokens: 1, cost: 0.001, status: t % 7 == 0 ? StatusCodeValue.Error : StatusCodeValue.Ok),
            TestData.Chat(TestData.TraceId(3000 + t), TestData.SpanId(3), TestData.SpanId(1), startOffsetMs: (t * 10L) + 200, durationMs: 100, user: null, session: null,
                inputTokens: 2, outputTokens: t % 3, cost: null),
        ];

        Assert.Equal(150, (await WriteAsync(TestData.Batch([.. Enumerable.Range(0, 50).SelectMany(Trace)]))).SpansInserted);
        var result = await WriteAsync(TestData.Batch([.. Enumerable.Range(0, 400).SelectMany(Trace)]));
        Assert.Equal((1050, 150), (result.SpansInserted, result.SpanDuplicates));
        Assert.Equal(1200, await Store.CountSpansAsync(CancellationToken.None).WaitAsync(Timeout));

        for (var k = 0; k < 8; k++)
        {
            var members = Enumerable.Range(0, 400).Where(t => t % 8 == k).ToArray();
            var s = (await Store.GetSessionAsync($"big-{k}", 1, CancellationToken.None).WaitAsync(Timeout))!.Summary;
            Assert.Equal(members.Length, s.TraceCount);
            Assert.Equal(members.Count(t => t % 7 == 0), s.ErrorTraceCount);
            Assert.Equal(members.Sum(t => t + 2L), s.InputTokens);
            Assert.Equal(members.Sum(t => 1L + (t % 3)), s.OutputTokens);
            Assert.Equal(members.Min(t => $"u-{t % 5}"), s.UserId);
            Assert.Equal(0.001 * members.Length, s.CostUsd!.Value, 9);
        }
    }

    [StoreFact]
    public async Task QueryTracesAsync_EachFilter_ReturnsExactlyTheMatchingTraces()
    {
        await SeedAsync();
        async Task<string[]> Ids(TraceQuery q) => [.. (await QueryAsync(q)).Items.Select(i => i.TraceId).Order(StringComparer.Ordinal)];

        Assert.Equal(Expected(i => i % 3 == 0), await Ids(new TraceQuery { Model = "gpt-4o" }));
        Assert.Equal(Expected(i => i % 3 == 1), await Ids(new TraceQuery { Model = "claude-sonnet" }));
        Assert.Equal(Expected(i => i % 2 == 0), await Ids(new TraceQuery { UserId = "alice" }));
        Assert.Equal(Expected(i => i % 4 == 0), await Ids(new TraceQuery { SessionId = "session-0" }));
        Assert.Equal(Expected(i => i % 5 == 0), await Ids(new TraceQuery { Status = TraceStatus.Error }));
        Assert.Equal(Expected(i => i % 5 != 0), await Ids(new TraceQuery { Status = TraceStatus.Ok }));
        Assert.Equal(Expected(i => i is >= 5 and < 10), await Ids(new TraceQuery { FromUnixNano = StartNs(5), ToUnixNano = StartNs(10) }));
        Assert.Equal(Expected(i => i is >= 10 and <= 12), await Ids(new TraceQuery { MinDurationMs = 1000 + (10 * 100), MaxDurationMs = 1000 + (12 * 100) }));
        Assert.Equal(Expected(i => i >= 14), await Ids(new TraceQuery { MinCostUsd = 0.015 - 1e-9 }));
        Assert.Equal(Expected(i => i <= 1), await Ids(new TraceQuery { MaxCostUsd = 0.002 + 1e-9 }));
        Assert.Equal(Expected(i => i == 7), await Ids(new TraceQuery { Name = "ask 7" }));
        Assert.Equal(Expected(i => i % 3 == 0 && i % 2 == 0 && i >= 6), await Ids(new TraceQuery { Model = "gpt-4o", UserId = "alice", FromUnixNano = StartNs(6) }));
        Assert.Empty(await Ids(new TraceQuery { Model = "gpt" }));
        Assert.Empty(await Ids(new TraceQuery { UserId = "nobody" }));
    }

    [StoreFact]
    public async Task QueryTracesAsync_TextSearch_MatchesWholeWordsInInputOrOutput()
    {
        await SeedAsync();
        async Task<string[]> Ids(string q) => [.. (await QueryAsync(new TraceQuery { Text = q })).Items.Select(i => i.TraceId).Order(StringComparer.Ordinal)];

        Assert.Equal(Expected(i => i % 4 == 1), await Ids("conveyor"));
        Assert.Equal(Expected(i => i % 4 == 1), await Ids("CONVEYOR belt"));
        Assert.Equal(Expected(i => i % 4 == 2), await Ids("lubricant"));
        Assert.Equal(Expected(i => i == 13), await Ids("question 13"));
        Assert.Empty(await Ids("conveyor lubricant"));
        Assert.Empty(await Ids("nonexistentword"));
        Assert.Empty(await Ids("\"conveyor\" OR lubricant*"));
    }

    [StoreFact]
    public async Task QueryTracesAsync_EverySortAndDirection_PagesVisitEachTraceOnceInOrder()
    {
        await SeedAsync();
        foreach (var sort in Enum.GetValues<TraceSort>())
        {
            foreach (var descending in new[] { true, false })
            {
                var seen = new List<TraceSummary>();
                TraceCursor? cursor = null;
                var pages = 0;
                do
                {
                    var page = await QueryAsync(new TraceQuery { Sort = sort, Descending = descending, Limit = 3, After = cursor });
                    seen.AddRange(page.Items);
                    cursor = page.Next is null ? null : TraceCursor.TryDecode(page.Next.Encode(), out var c) ? c : throw new InvalidOperationException("cursor does not round-trip");
                    pages++;
                }
                while (cursor is not null && pages < 100);

                Assert.Equal(SeedCount, seen.Count);
                Assert.Equal(SeedCount, seen.Select(s => s.TraceId).Distinct(StringComparer.Ordinal).Count());
                var keys = seen.Select(s => (Key: SortKey(s, sort), s.TraceId)).ToList();
                var ordered = descending
                    ? keys.OrderByDescending(k => k.Key).ThenByDescending(k => k.TraceId, StringComparer.Ordinal).ToList()
                    : keys.OrderBy(k => k.Key).ThenBy(k => k.TraceId, StringComparer.Ordinal).ToList();
                Assert.Equal(ordered, keys);
            }
        }
    }

    [StoreFact]
    public async Task QueryTracesAsync_StartTimesNanosecondsApart_PagesNeitherRepeatNorSkip()
    {
        // Start times 1 ns apart near 1.8e18, where a double's step is 256 ns: the cursor must compare exactly.
        var spans = Enumerable.Range(0, 12).Select(i =>
        {
            var span = TestData.Chat(TestData.TraceId(7_000 + i), TestData.SpanId(1));
            span.StartTimeUnixNano = 1_796_582_029_861_370_000 + i;
            span.EndTimeUnixNano = span.StartTimeUnixNano + 1_000_000;
            return span;
        }).ToArray();
        await WriteAsync(TestData.Batch(spans));

        foreach (var descending in new[] { true, false })
        {
            var seen = new List<long>();
            TraceCursor? cursor = null;
            do
            {
                var page = await QueryAsync(new TraceQuery { Descending = descending, Limit = 5, After = cursor });
                seen.AddRange(page.Items.Select(t => t.StartTimeUnixNano));
                cursor = page.Next;
            }
            while (cursor is not null && seen.Count <= 24);

            var expected = spans.Select(s => s.StartTimeUnixNano).Order().ToList();
            if (descending)
            {
                expected.Reverse();
            }

            Assert.Equal(expected, seen);
        }
    }

    [StoreFact]
    public async Task QueryTracesAsync_NewTracesArriveBetweenPages_NoRowIsSkippedOrRepeated()
    {
        await SeedAsync();
        var first = await QueryAsync(new TraceQuery { Limit = 5 });
        await WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(10_000), TestData.SpanId(1), startOffsetMs: 1_000_000)));
        var second = await QueryAsync(new TraceQuery { Limit = 100, After = first.Next });
        var all = first.Items.Concat(second.Items).Select(i => i.TraceId).ToList();
        Assert.Equal(SeedCount, all.Count);
        Assert.DoesNotContain(TestData.TraceId(10_000), all);
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [StoreFact]
    public async Task SessionQueries_RollUpTracesAndListTheConversationInOrder()
    {
        await SeedAsync();
        var detail = await Store.GetSessionAsync("session-1", 100, CancellationToken.None).WaitAsync(Timeout);
        Assert.NotNull(detail);
        var expected = Enumerable.Range(0, SeedCount).Where(i => i % 4 == 1).ToList();
        Assert.Equal(expected.Select(TestData.TraceId), detail.Traces.Select(t => t.TraceId));
        Assert.Equal(expected.Count, detail.Summary.TraceCount);
        Assert.Equal(expected.Sum(i => 100L + i), detail.Summary.InputTokens);
        Assert.Equal(expected.Sum(i => (i + 1) * 0.001), detail.Summary.CostUsd!.Value, 9);
        Assert.Equal(StartNs(expected[0]), detail.Summary.FirstSeenUnixNano);
        Assert.Equal("bob", detail.Summary.UserId);
        Assert.Equal($"question {expected[0]} about the conveyor belt", detail.Traces[0].InputText);
        Assert.False(detail.Truncated);

        var truncated = await Store.GetSessionAsync("session-1", 2, CancellationToken.None).WaitAsync(Timeout);
        Assert.True(truncated!.Truncated);
        Assert.Equal(2, truncated.Traces.Count);

        var all = new List<SessionSummary>();
        SessionCursor? cursor = null;
        do
        {
            var page = await Store.QuerySessionsAsync(new SessionQuery { Limit = 1, After = cursor }, CancellationToken.None).WaitAsync(Timeout);
            all.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(["session-3", "session-2", "session-1", "session-0"], all.Select(s => s.SessionId));
        var bob = await Store.QuerySessionsAsync(new SessionQuery { UserId = "bob" }, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(["session-3", "session-1"], bob.Items.Select(s => s.SessionId));
        var late = await Store.QuerySessionsAsync(new SessionQuery { FromUnixNano = StartNs(SeedCount - 2) }, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(2, late.Items.Count);
        Assert.Null(await Store.GetSessionAsync("no-such-session", 10, CancellationToken.None).WaitAsync(Timeout));
    }

    [StoreFact]
    public async Task GetTraceAsync_EvaluationsLinkedBySpanOrResponseId_AreReturnedOnceEach()
    {
        var t = TestData.TraceId(5);
        var chat = TestData.Chat(t, TestData.SpanId(1));
        var batch = TestData.Batch(chat);
        batch.Logs.Add(TestData.Evaluation(t, chat.SpanId, "user_feedback", 0, "thumbs_down", timeOffsetMs: 1));
        batch.Logs.Add(TestData.Evaluation(null, null, "hallucination", 0.2, "low", responseId: chat.GenAi.ResponseId, timeOffsetMs: 2));
        batch.Logs.Add(TestData.Evaluation(TestData.TraceId(6), null, "unrelated", 1, null, timeOffsetMs: 3));
        Assert.Equal(3, (await WriteAsync(batch)).EvaluationsInserted);
        Assert.Equal(0, (await WriteAsync(batch)).EvaluationsInserted);

        var detail = await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(["user_feedback", "hallucination"], detail!.Evaluations.Select(e => e.Name));
        var feedback = detail.Evaluations[0];
        Assert.Equal(0, feedback.ScoreValue);
        Assert.Equal("thumbs_down", feedback.ScoreLabel);
        Assert.Equal("because", feedback.Explanation);
        Assert.Equal(chat.SpanId, feedback.SpanId);
        Assert.Equal("client", feedback.Source);
        Assert.Equal("alice", feedback.UserId);
        Assert.Equal(TestData.BaseNs + 1_000_000, feedback.TimeUnixNano);
        Assert.Null(detail.Evaluations[1].TraceId);
        Assert.Equal(chat.GenAi.ResponseId, detail.Evaluations[1].ResponseId);
    }

    [StoreFact]
    public async Task GetTraceAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Store.GetTraceAsync(TestData.TraceId(404), CancellationToken.None).WaitAsync(Timeout));
    }

    [StoreFact]
    public async Task WriteAsync_TextWithNulAndUnicode_IsStoredAndFound()
    {
        var t = TestData.TraceId(7);
        var chat = TestData.Chat(t, TestData.SpanId(1), input: "Ünïcødé 🚀 café\tzero", output: "ok");
        chat.Attributes.Add("weird", AttrValue.Of("a\0b"));
        await WriteAsync(TestData.Batch(chat));
        var detail = await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal("Ünïcødé 🚀 café\tzero", detail!.Spans[0].GenAi.InputText);
        Assert.Equal("a\0b", detail.Spans[0].Attributes.GetString("weird"));
        Assert.Single((await QueryAsync(new TraceQuery { Text = "café" })).Items);
    }

    [StoreFact]
    public async Task WriteAsync_IdentifiersOfThousandsOfCharacters_AreStoredCutAndFoundByTheCutValue()
    {
        // Random CJK text (3 UTF-8 bytes a character, incompressible): whole, these ids would not fit in a PostgreSQL
        // B-tree entry (a third of a page), and the batch would fail.
        var random = new Random(5);
        string Long() => new([.. Enumerable.Range(0, 3000).Select(_ => (char)random.Next(0x4E00, 0x9FFF))]);
        var (user, session, responseId) = (Long(), Long(), Long());
        var t = TestData.TraceId(9);
        var chat = TestData.Chat(t, TestData.SpanId(1), user: user, session: session);
        var batch = TestData.Batch(chat);
        batch.Logs.Add(TestData.Evaluation(t, TestData.SpanId(1), Long(), 0.5, null, responseId));
        await WriteAsync(batch);

        var cut = session[..GenAiNormalizer.MaxIdentifierLength];
        var detail = (await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout))!;
        Assert.Equal(cut, detail.Spans[0].GenAi.SessionId);
        Assert.Equal(user[..GenAiNormalizer.MaxIdentifierLength], detail.Spans[0].GenAi.UserId);
        Assert.Equal(session, detail.Spans[0].Attributes.GetString(SemanticConventions.SessionId));
        Assert.Equal(GenAiNormalizer.MaxIdentifierLength, Assert.Single(detail.Evaluations).Name.Length);
        Assert.Equal(t, Assert.Single((await QueryAsync(new TraceQuery { SessionId = cut })).Items).TraceId);
        Assert.Equal(1, (await Store.GetSessionAsync(cut, 10, CancellationToken.None).WaitAsync(Timeout))!.Summary.TraceCount);
    }

    [StoreFact]
    public async Task WriteAsync_HundredsOfThousandsOfDistinctWords_AreStoredAndTheirStartFound()
    {
        // 300,000 characters of distinct two-character CJK words in both texts: PostgreSQL's search vector over 200,000
        // characters of each passed the 1 MB a tsvector may hold, and the write failed.
        static string Words(int seed)
        {
            var random = new Random(seed);
            var sb = new System.Text.StringBuilder("needle ");
            while (sb.Length < 300_000)
            {
                sb.Append((char)random.Next(0x4E00, 0x9FFF)).Append((char)random.Next(0x4E00, 0x9FFF)).Append(' ');
            }

            return sb.ToString();
        }

        var t = TestData.TraceId(10);
        await WriteAsync(TestData.Batch(TestData.Chat(t, TestData.SpanId(1), input: Words(1), output: Words(2))));
        Assert.InRange((await Store.GetTraceAsync(t, CancellationToken.None).WaitAsync(Timeout))!.Spans[0].GenAi.InputText!.Length, 300_000, 300_003);
        Assert.Equal(t, Assert.Single((await QueryAsync(new TraceQuery { Text = "needle" })).Items).TraceId);
    }

    [StoreFact]
    public async Task InitializeAsync_RunTwiceAndConcurrently_IsHarmless()
    {
        await WriteAsync(TestData.Batch(TestData.Chat(TestData.TraceId(8), TestData.SpanId(1))));
        await Task.WhenAll(Store.InitializeAsync(CancellationToken.None), Store.InitializeAsync(CancellationToken.None)).WaitAsync(Timeout);
        Assert.True(await Store.PingAsync(CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(1, await Store.CountSpansAsync(CancellationToken.None).WaitAsync(Timeout));
    }

    [StoreFact]
    public async Task ApplyRetentionAsync_OldTraces_AreDeletedWithTheirSpansAndSessionsRecomputed()
    {
        var time = new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds((TestData.BaseNs / 1_000_000) + 60_000));
        await using var store = await CreateStoreAsync(new StorageOptions { Retention = TimeSpan.FromSeconds(30) }, time).WaitAsync(Timeout);
        await store.InitializeAsync(CancellationToken.None).WaitAsync(Timeout);
        var oldTrace = TestData.Chat(TestData.TraceId(20), TestData.SpanId(1), startOffsetMs: 0, session: "s-r");
        var newTrace = TestData.Chat(TestData.TraceId(21), TestData.SpanId(1), startOffsetMs: 45_000, session: "s-r");
        var batch = TestData.Batch(oldTrace, newTrace);
        batch.Logs.Add(TestData.Evaluation(oldTrace.TraceId, oldTrace.SpanId, "old", 1, null, timeOffsetMs: 1));
        await store.WriteAsync(batch, CancellationToken.None).WaitAsync(Timeout);

        var result = await store.ApplyRetentionAsync(CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(new RetentionResult(1, 1, 0), result);
        Assert.Null(await store.GetTraceAsync(oldTrace.TraceId, CancellationToken.None).WaitAsync(Timeout));
        Assert.NotNull(await store.GetTraceAsync(newTrace.TraceId, CancellationToken.None).WaitAsync(Timeout));
        Assert.Equal(1, await store.CountSpansAsync(CancellationToken.None).WaitAsync(Timeout));
        var session = await store.GetSessionAsync("s-r", 10, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(1, session!.Summary.TraceCount);
    }

    private protected abstract Task<ITelemetryStore> CreateStoreAsync(StorageOptions options, TimeProvider time);

    private const int SeedCount = 20;

    private static long StartNs(int i) => TestData.BaseNs + (i * 60_000L * 1_000_000);

    private static string[] Expected(Func<int, bool> predicate) =>
        [.. Enumerable.Range(0, SeedCount).Where(predicate).Select(TestData.TraceId).Order(StringComparer.Ordinal)];

    private static IComparable SortKey(TraceSummary s, TraceSort sort) => sort switch
    {
        TraceSort.Duration => s.DurationMs,
        TraceSort.Cost => s.CostUsd ?? 0,
        TraceSort.Tokens => s.TotalTokens,
        _ => s.StartTimeUnixNano,
    };

    /// <summary>
    /// 20 single-span traces, one a minute: model by i%3, user by i%2, session by i%4, error when i%5==0, duration
    /// 1000+100i ms, cost (i+1)/1000, tokens 100+i / 10, text by i%4. Durations 1100 and 1200 repeat (ties for sorts).
    /// </summary>
    private async Task SeedAsync()
    {
        var batch = new TelemetryBatch();
        string[] models = ["gpt-4o", "claude-sonnet", "gemini-flash"];
        string[] topics = ["the torque sensor", "the conveyor belt", "the lubricant schedule", "the safety door"];
        for (var i = 0; i < SeedCount; i++)
        {
            var duration = i == 19 ? 1100 : 1000 + (100 * i);
            var span = TestData.Chat(
                TestData.TraceId(i),
                TestData.SpanId(1),
                startOffsetMs: i * 60_000L,
                durationMs: duration,
                model: models[i % 3],
                user: i % 2 == 0 ? "alice" : "bob",
                session: "session-" + (i % 4),
                inputTokens: 100 + i,
                outputTokens: 10,
                cost: (i + 1) * 0.001,
                input: $"question {i} about {topics[i % 4]}",
                output: $"answer {i}",
                status: i % 5 == 0 ? StatusCodeValue.Error : StatusCodeValue.Ok,
                name: "ask " + i);
            batch.Spans.Add(span);
        }

        await WriteAsync(batch);
    }
}
