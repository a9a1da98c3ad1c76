using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Evaluation.Judge;
using LlmOps.Processors.Model;
using LlmOps.Sdk;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Processors.Tests.Evaluation.Engine;

public sealed class EvaluationEngineTests
{
    private sealed class LengthScorer(string name) : IScorer
    {
        public string Name => name;

        public ScoreOutcome? Score(EvaluationInput input) =>
            input.Answer is null ? null : new ScoreOutcome(Math.Min(1, input.Answer.Length / 100.0), "len", $"context chunks: {input.ContextChunks.Count}");
    }

    private sealed class ThrowingScorer : IScorer
    {
        public string Name => "groundedness";

        public ScoreOutcome? Score(EvaluationInput input) => throw new InvalidOperationException("broken scorer");
    }

    private sealed class CollectingWriter : IEvaluationResultWriter
    {
        public List<EvaluationResultRecord> Results { get; } = [];

        public Task<bool> WriteAsync(IReadOnlyList<EvaluationResultRecord> results, CancellationToken cancellationToken)
        {
            lock (Results)
            {
                Results.AddRange(results);
            }

            return Task.FromResult(true);
        }
    }

    private sealed class StaticSource(params EvaluatorDefinition[] definitions) : IEvaluatorSource
    {
        public IReadOnlyList<EvaluatorDefinition> Current => definitions;
    }

    private static SpanRecord ChatSpan(string traceId, string? answer, string? question = "What torque for M8 bolts?", string model = "gpt-4o")
    {
        var span = new SpanRecord { TraceId = traceId, SpanId = "00000000000000a1", Name = $"chat {model}" };
        span.Attributes.Add(SemanticConventions.GenAiOperationName, AttrValue.Of("chat"));
        span.Attributes.Add(SemanticConventions.GenAiRequestModel, AttrValue.Of(model));
        if (question is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiInputMessages, AttrValue.Of($"[{{\"role\":\"user\",\"parts\":[{{\"type\":\"text\",\"content\":\"{question}\"}}]}}]"));
        }

        if (answer is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiOutputMessages, AttrValue.Of(System.Text.Json.JsonSerializer.Serialize(new[] { new { role = "assistant", parts = new[] { new { type = "text", content = answer } } } })));
        }

        span.GenAi = GenAiNormalizer.Normalize(span);
        return span;
    }

    private static SpanRecord RetrievalSpan(string traceId)
    {
        var span = new SpanRecord { TraceId = traceId, SpanId = "00000000000000b2", Name = "retrieval kb" };
        span.Attributes.Add(SemanticConventions.GenAiOperationName, AttrValue.Of("retrieval"));
        span.Attributes.Add(SemanticConventions.GenAiRetrievalDocuments, AttrValue.Of("[{\"id\":\"doc-1\",\"score\":0.9,\"content\":\"M8 bolts: 25 Nm.\"},{\"id\":\"doc-2\",\"score\":0.5,\"content\":\"Wear gloves.\"}]"));
        span.GenAi = GenAiNormalizer.Normalize(span);
        return span;
    }

    private static (EvaluationEngine Engine, CollectingWriter Writer, InMemoryEvaluationLog Log) Create(IEvaluatorSource source, IScorer[] scorers, OpenAiCompatibleJudge? judge = null)
    {
        var writer = new CollectingWriter();
        var log = new InMemoryEvaluationLog();
        var engine = new EvaluationEngine(
            new EvaluationOptions { Workers = 2, FlushInterval = TimeSpan.FromMilliseconds(50) },
            source,
            scorers.ToDictionary(s => s.Name),
            judge,
            writer,
            log,
            null,
            null,
            TimeProvider.System,
            NullLogger<EvaluationEngine>.Instance);
        return (engine, writer, log);
    }

    private static async Task<IReadOnlyList<EvaluationLogEntry>> WaitForLogsAsync(InMemoryEvaluationLog log, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (log.Snapshot().Count < count)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"expected {count} evaluation log entries, saw {log.Snapshot().Count}");
            await Task.Delay(20);
        }

        return log.Snapshot();
    }

    [Fact]
    public async Task Schedule_ClientExportsInFlight_ScoringWaitsForThemToLeave()
    {
        var definition = new EvaluatorDefinition { Id = "e1", Name = "Length", Scorer = "groundedness", ScoreName = "groundedness" };
        using var ingest = new LlmOps.Processors.Pipeline.IngestActivity();
        var log = new InMemoryEvaluationLog();
        var engine = new EvaluationEngine(
            new EvaluationOptions { Workers = 1, FlushInterval = TimeSpan.FromMilliseconds(50), YieldToIngest = TimeSpan.FromSeconds(30) },
            new StaticSource(definition),
            new Dictionary<string, IScorer> { ["groundedness"] = new LengthScorer("groundedness") },
            null,
            new CollectingWriter(),
            log,
            null,
            null,
            TimeProvider.System,
            NullLogger<EvaluationEngine>.Instance,
            ingest: ingest);
        await using var _ = engine;
        engine.Start();

        ingest.Enter();
        var batch = new TelemetryBatch();
        batch.Spans.Add(ChatSpan("0af7651916cd43dd8448eb211c803100", "Tighten M8 bolts to 25 Nm."));
        Assert.Equal(1, engine.Schedule(batch));

        // The worker took the span and waits for the export to leave before scoring it.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (ingest.Waiting == 0)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the scoring worker never waited for ingest");
            await Task.Delay(5);
        }

        Assert.Equal(0, engine.Scored);
        Assert.Empty(log.Snapshot());

        ingest.Exit();
        var logs = await WaitForLogsAsync(log, 1);
        Assert.Equal("ok", logs[0].Status);
        Assert.Equal(1, engine.Scored);
    }

    [Fact]
    public async Task Flush_ClientExportInFlight_LogLinesWaitForItToLeave()
    {
        var definition = new EvaluatorDefinition { Id = "e1", Name = "Length", Scorer = "groundedness", ScoreName = "groundedness" };
        using var ingest = new LlmOps.Processors.Pipeline.IngestActivity();
        var log = new InMemoryEvaluationLog();
        var writer = new CollectingWriter();
        var engine = new EvaluationEngine(
            new EvaluationOptions { Workers = 1, FlushInterval = TimeSpan.FromHours(1), YieldToIngest = TimeSpan.FromSeconds(30) },
            new StaticSource(definition),
            new Dictionary<string, IScorer> { ["groundedness"] = new LengthScorer("groundedness") },
            null,
            writer,
            log,
            null,
            null,
            TimeProvider.System,
            NullLogger<EvaluationEngine>.Instance,
            ingest: ingest);
        await using var _ = engine;
        engine.Start();

        var batch = new TelemetryBatch();
        batch.Spans.Add(ChatSpan("0af7651916cd43dd8448eb211c803100", "Tighten M8 bolts to 25 Nm."));
        Assert.Equal(1, engine.Schedule(batch));
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (engine.Buffered < 2)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the span was never scored");
            await Task.Delay(5);
        }

        // A client export arrives: the flush writes the score but holds the log line until the export has left.
        ingest.Enter();
        var flush = Task.Run(() => engine.FlushAsync(CancellationToken.None));
        while (ingest.Waiting == 0)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the flush never waited for ingest");
            await Task.Delay(5);
        }

        Assert.Single(writer.Results);
        Assert.Empty(log.Snapshot());
        Assert.False(flush.IsCompleted);

        ingest.Exit();
        await flush.WaitAsync(TimeSpan.FromSeconds(10));
        var line = Assert.Single(log.Snapshot());
        Assert.Equal("ok", line.Status);
        Assert.Equal(0, engine.Buffered);
    }

    [Fact]
    public async Task Flush_PublishesQueueDepthAndCountsAsPrometheusSeries()
    {
        var definition = new EvaluatorDefinition { Id = "e1", Name = "Length", Scorer = "groundedness", ScoreName = "groundedness" };
        var (engine, _, log) = Create(new StaticSource(definition), [new LengthScorer("groundedness")]);
        var registry = new LlmOps.Processors.Metrics.MetricRegistry();
        engine.Metrics = new EvaluationMetrics(registry, "evaluation/main");
        await using var _ = engine;
        engine.Start();
        var batch = new TelemetryBatch();
        for (var i = 0; i < 3; i++)
        {
            batch.Spans.Add(RetrievalSpan($"0af7651916cd43dd8448eb211c8031{i:x2}"));
            batch.Spans.Add(ChatSpan($"0af7651916cd43dd8448eb211c8031{i:x2}", "Tighten M8 bolts to 25 Nm."));
        }

        Assert.Equal(3, engine.Schedule(batch));
        await WaitForLogsAsync(log, 3);
        await engine.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await engine.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var text = registry.Render();
        Assert.Contains("llmops_evaluation_scores_total{exporter=\"evaluation/main\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_evaluation_queue_spans{exporter=\"evaluation/main\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_evaluation_buffered_items{exporter=\"evaluation/main\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_evaluation_queue_capacity_spans{exporter=\"evaluation/main\"} 10000\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_evaluation_spans_dropped_total{exporter=\"evaluation/main\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_ChatWithRetrievalInBatch_ScoresWithContextAndEmitsResult()
    {
        var definition = new EvaluatorDefinition { Id = "e1", Name = "Hallucination", Scorer = "groundedness", ScoreName = "groundedness" };
        var (engine, writer, log) = Create(new StaticSource(definition), [new LengthScorer("groundedness")]);
        await using var _ = engine;
        engine.Start();
        var batch = new TelemetryBatch();
        batch.Spans.Add(RetrievalSpan("0af7651916cd43dd8448eb211c80319c"));
        batch.Spans.Add(ChatSpan("0af7651916cd43dd8448eb211c80319c", "Tighten M8 bolts to 25 Nm."));

        var queued = engine.Schedule(batch);
        var entries = await WaitForLogsAsync(log, 1);

        Assert.Equal(1, queued);
        var entry = Assert.Single(entries);
        Assert.Equal("ok", entry.Status);
        await engine.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var result = Assert.Single(writer.Results);
        Assert.Equal("groundedness", result.Name);
        Assert.Equal("e1", result.Source);
        Assert.Equal("00000000000000a1", result.SpanId);
        Assert.Equal("context chunks: 2", result.Explanation);
    }

    [Fact]
    public async Task Start_ScoringThreadsRunAtLowerPriorityThanIngest()
    {
        var definition = new EvaluatorDefinition { Id = "e1", Name = "Len", Scorer = "groundedness", ScoreName = "g" };
        var (engine, _, _) = Create(new StaticSource(definition), [new LengthScorer("groundedness")]);
        await using var _ = engine;
        engine.Start();

        // Nice value of each scoring thread (field 19 of /proc/self/task/<tid>/stat, counted after the name's ')').
        var nice = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            // Threads of other tests come and go meanwhile: one listed may be gone when read.
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (name.StartsWith("llmops-score", StringComparison.Ordinal))
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    nice[name] = int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
        }

        var own = File.ReadAllText("/proc/thread-self/stat");
        var ownNice = int.Parse(own[(own.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("llmops-score-io", nice.Keys);
        Assert.Contains("llmops-score-0", nice.Keys);
        Assert.All(nice.Values, n => Assert.Equal(Math.Min(19, ownNice + LowPriorityThread.Nice), n));
    }

    [Fact]
    public async Task Schedule_SpanWithoutContent_LogsSkipped()
    {
        var definition = new EvaluatorDefinition { Id = "e1", Name = "Len", Scorer = "groundedness", ScoreName = "g" };
        var (engine, writer, log) = Create(new StaticSource(definition), [new LengthScorer("groundedness")]);
        await using var _ = engine;
        engine.Start();
        var batch = new TelemetryBatch();
        batch.Spans.Add(ChatSpan("1af7651916cd43dd8448eb211c80319c", answer: null));

        engine.Schedule(batch);
        var entry = Assert.Single(await WaitForLogsAsync(log, 1));

        Assert.Equal("skipped", entry.Status);
        Assert.Empty(writer.Results);
    }

    [Fact]
    public async Task Schedule_BrokenScorerAndHugeAnswer_LogsErrorAndKeepsWorking()
    {
        var broken = new EvaluatorDefinition { Id = "bad", Name = "Broken", Scorer = "groundedness", ScoreName = "g" };
        var fine = new EvaluatorDefinition { Id = "ok", Name = "Len", Scorer = "len", ScoreName = "len" };
        var (engine, _, log) = Create(new StaticSource(broken, fine), [new ThrowingScorer(), new LengthScorer("len")]);
        await using var _ = engine;
        engine.Start();
        var batch = new TelemetryBatch();
        batch.Spans.Add(ChatSpan("2af7651916cd43dd8448eb211c80319c", new string('x', 2_000_000), model: "unknown-model-zzz"));
        batch.Spans.Add(ChatSpan("3af7651916cd43dd8448eb211c80319c", "short"));

        engine.Schedule(batch);
        var entries = await WaitForLogsAsync(log, 4);

        Assert.Equal(2, entries.Count(e => e.Status == "error" && e.EvaluatorId == "bad"));
        Assert.Equal(2, entries.Count(e => e.Status == "ok" && e.EvaluatorId == "ok"));
    }

    [Fact]
    public async Task Schedule_SamplingRateZeroAndDisabled_QueuesNothing()
    {
        var sampledOut = new EvaluatorDefinition { Id = "s", Name = "S", Scorer = "len", SamplingRate = 0 };
        var disabled = new EvaluatorDefinition { Id = "d", Name = "D", Scorer = "len", Enabled = false };
        var (engine, _, _) = Create(new StaticSource(sampledOut, disabled), [new LengthScorer("len")]);
        await using var _ = engine;
        var batch = new TelemetryBatch();
        batch.Spans.Add(ChatSpan("4af7651916cd43dd8448eb211c80319c", "answer"));

        Assert.Equal(0, engine.Schedule(batch));
    }

    [Fact]
    public void Sampled_HalfRate_IsDeterministicAndNearHalf()
    {
        var ids = Enumerable.Range(0, 4000).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var first = ids.Count(id => EvaluationEngine.Sampled(id, "e", 0.5));
        var second = ids.Count(id => EvaluationEngine.Sampled(id, "e", 0.5));

        Assert.Equal(first, second);
        Assert.InRange(first, 1800, 2200);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("malformed")]
    [InlineData("rate_limited")]
    public async Task Schedule_JudgeFails_LogsStatusAndScoresWithFallback(string failure)
    {
        using var release = new CancellationTokenSource();
        await using var server = await FakeJudgeServer.StartAsync(async (_, ctx) =>
        {
            switch (failure)
            {
                case "timeout":
                    try
                    {
                        await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(release.Token, ctx.RequestAborted).Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    break;
                case "malformed":
                    await ctx.Response.WriteAsync(FakeJudgeServer.Completion("no json here"));
                    break;
                default:
                    ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    break;
            }
        });
        // Only the timeout case needs a short timeout; the others get one a cold, loaded machine cannot reach, so a slow
        // first connection is not mistaken for the failure under test.
        var timeout = failure == "timeout" ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(30);
        using var http = new HttpClient();
        var judge = new OpenAiCompatibleJudge(http, new JudgeOptions { Endpoint = server.BaseAddress.ToString(), Timeout = timeout, MaxRetries = 1, MaxRetryDelay = TimeSpan.FromMilliseconds(50) }, TimeProvider.System);
        var custom = new EvaluatorDefinition { Id = "j", Name = "Safety tone", Kind = "llm_judge", ScoreName = "conciseness_judge", Template = "Is {{output}} concise?" };
        var (engine, writer, log) = Create(new StaticSource(custom), [new LengthScorer("conciseness")], judge);
        await using var _ = engine;
        engine.Start();
        var batch = new TelemetryBatch();
        batch.Spans.Add(ChatSpan("5af7651916cd43dd8448eb211c80319c", "A short answer."));

        engine.Schedule(batch);
        var entry = Assert.Single(await WaitForLogsAsync(log, 1));
        await release.CancelAsync();

        Assert.Equal(failure, entry.Status);
        Assert.Contains("deterministic fallback (conciseness)", entry.Message, StringComparison.Ordinal);
        Assert.NotNull(entry.Score);
    }
}
