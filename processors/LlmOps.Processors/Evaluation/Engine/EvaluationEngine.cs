using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using LlmOps.Processors.Evaluation.Judge;
using LlmOps.Processors.Model;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// Scores GenAI spans off the ingest path: the <c>evaluation</c> exporter hands stored spans to a bounded queue, a
/// pool of workers runs every active evaluator that targets each span (sampled deterministically per trace), and a
/// flusher writes scores back as <c>gen_ai.evaluation.result</c> records and appends the evaluation log.
/// </summary>
internal sealed class EvaluationEngine : IAsyncDisposable
{
    /// <summary>Attribute carrying an expected answer (dataset runs, or apps that know the truth).</summary>
    public const string ExpectedOutputAttribute = "llmops.expected_output";

    private readonly EvaluationOptions _options;
    private readonly IEvaluatorSource _source;
    private readonly IReadOnlyDictionary<string, IScorer> _scorers;
    private readonly OpenAiCompatibleJudge? _judge;
    private readonly IEvaluationResultWriter _writer;
    private readonly IEvaluationLogSink _logSink;
    private readonly ITraceContextSource? _traces;
    private readonly IFlaggedSpanSink? _flags;
    private readonly Guardrails.GuardrailSettings? _guardrails;
    private readonly IScoreObserver? _observer;
    private readonly Pipeline.IngestActivity? _ingest;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<EvaluationJob> _jobs;
    private readonly RecentRetrievals _recentRetrievals;
    private readonly Lock _bufferGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private List<EvaluationResultRecord> _results = [];
    private List<EvaluationLogEntry> _logs = [];
    private List<FlaggedSpan> _flagged = [];
    private Task[] _workers = [];
    private Task _flusher = Task.CompletedTask;
    private long _scored;
    private long _dropped;
    private long _failed;

    public EvaluationEngine(
        EvaluationOptions options,
        IEvaluatorSource source,
        IReadOnlyDictionary<string, IScorer> scorers,
        OpenAiCompatibleJudge? judge,
        IEvaluationResultWriter writer,
        IEvaluationLogSink logSink,
        ITraceContextSource? traces,
        IFlaggedSpanSink? flags,
        TimeProvider time,
        ILogger<EvaluationEngine> logger,
        Guardrails.GuardrailSettings? guardrails = null,
        IScoreObserver? observer = null,
        Pipeline.IngestActivity? ingest = null)
    {
        _guardrails = guardrails;
        _observer = observer;
        _ingest = ingest;
        _options = options;
        _source = source;
        _scorers = scorers;
        _judge = judge;
        _writer = writer;
        _logSink = logSink;
        _traces = traces;
        _flags = flags;
        _time = time;
        _logger = logger;
        _recentRetrievals = new RecentRetrievals(200_000, time.GetTimestamp());
        _jobs = Channel.CreateBounded<EvaluationJob>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
    }

    public long Scored => Interlocked.Read(ref _scored);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Where queue depth and counts are published at each flush (set before <see cref="Start"/>).</summary>
    public EvaluationMetrics? Metrics { get; set; }

    public int Pending => _jobs.Reader.CanCount ? _jobs.Reader.Count : 0;

    public void Start()
    {
        // By default half the cores score (at least one): the other half stays free for ingest, whose latency scoring
        // must not raise. Scoring and writing back run on threads of lower priority, so ingest goes first on a busy machine.
        var workers = _options.Workers > 0 ? _options.Workers : Math.Max(1, Environment.ProcessorCount / 2);
        _workers = [.. Enumerable.Range(0, workers).Select(i => LowPriorityThread.Start($"llmops-score-{i}", () => Work(_stop.Token)))];
        _flusher = LowPriorityThread.Start("llmops-score-io", () => FlushLoop(_stop.Token));
    }

    /// <summary>Queues every GenAI call of the batch for the evaluators that target it; never blocks.</summary>
    public int Schedule(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var evaluators = _source.Current;
        if (evaluators.Count == 0 || batch.Spans.Count == 0)
        {
            return 0;
        }

        Dictionary<string, List<RetrievedDocument>>? retrievalByTrace = null;
        var now = _time.GetTimestamp();
        foreach (var span in batch.Spans)
        {
            if (span.GenAi.IsRetrieval)
            {
                _recentRetrievals.Add(span.TraceId, now);
            }

            if (span.GenAi.IsRetrieval && span.GenAi.RetrievalDocuments.Count > 0)
            {
                retrievalByTrace ??= new(StringComparer.Ordinal);
                if (!retrievalByTrace.TryGetValue(span.TraceId, out var docs))
                {
                    retrievalByTrace[span.TraceId] = docs = [];
                }

                docs.AddRange(span.GenAi.RetrievalDocuments);
            }
        }

        var queued = 0;
        foreach (var span in batch.Spans)
        {
            if (!IsScorable(span))
            {
                continue;
            }

            List<EvaluatorDefinition>? chosen = null;
            foreach (var e in evaluators)
            {
                if (e.Enabled && Matches(e.Target, span) && Sampled(span.TraceId, e.Id, e.SamplingRate))
                {
                    (chosen ??= []).Add(e);
                }
            }

            if (chosen is null)
            {
                continue;
            }

            IReadOnlyList<RetrievedDocument> context = span.GenAi.RetrievalDocuments.Any(d => d.Content is not null)
                ? span.GenAi.RetrievalDocuments
                : retrievalByTrace is not null && retrievalByTrace.TryGetValue(span.TraceId, out var found) ? found : [];
            var job = new EvaluationJob(span, chosen, context, now);
            if (_jobs.Writer.TryWrite(job))
            {
                queued++;
            }
            else
            {
                Interlocked.Increment(ref _dropped);
                Record(chosen.Select(e => Log(e, span, null, 0, "dropped", "the evaluation queue is full; this span was not scored")));
            }
        }

        return queued;
    }

    private static bool IsScorable(SpanRecord span)
    {
        var g = span.GenAi;
        if (!g.IsGenAi || g.IsRetrieval || g.Operation is "embeddings" or "execute_tool" or "create_agent")
        {
            return false;
        }

        return g.OutputText is not null || g.InputText is not null;
    }

    internal static bool Matches(EvaluatorTarget t, SpanRecord span)
    {
        return Like(t.SpanName, span.Name)
            && Like(t.Model, span.GenAi.EffectiveModel)
            && Like(t.Operation, span.GenAi.Operation)
            && Like(t.PromptName, span.GenAi.PromptName)
            && (string.IsNullOrEmpty(t.AttributeKey) || Like(t.AttributeValue, span.Attributes.GetString(t.AttributeKey)));
    }

    private static bool Like(string? pattern, string? value)
    {
        if (string.IsNullOrEmpty(pattern) || pattern == "*")
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        return pattern.EndsWith('*')
            ? value.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The same trace is always in or out of an evaluator's sample, on every replica.</summary>
    internal static bool Sampled(string traceId, string evaluatorId, double rate)
    {
        if (rate >= 1)
        {
            return true;
        }

        if (rate <= 0)
        {
            return false;
        }

        // FNV-1a over the trace id and evaluator id: stable across processes and replicas.
        var hash = 14695981039346656037UL;
        foreach (var c in traceId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ '/') * 1099511628211UL;
        foreach (var c in evaluatorId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash >> 11) / (double)(1UL << 53) < rate;
    }

    /// <summary>A worker's loop, blocking on its own thread: a job scored by deterministic evaluators runs on it whole.</summary>
    private void Work(CancellationToken cancellationToken)
    {
        var reader = _jobs.Reader;
        try
        {
            while (reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                if (!reader.TryRead(out var job))
                {
                    continue;
                }

                YieldToIngest(cancellationToken);

                try
                {
                    RunJobAsync(job, cancellationToken).GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _failed);
                    _logger.LogError(ex, "Evaluating span {TraceId}/{SpanId} failed", job.Span.TraceId, job.Span.SpanId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    internal async Task RunJobAsync(EvaluationJob job, CancellationToken cancellationToken)
    {
        var span = job.Span;
        var context = job.Context;
        if (context.Count == 0 && _traces is not null && job.Evaluators.Any(NeedsContext)
            && !(_traces.SeesEveryTrace && _recentRetrievals.TryAnswer(span.TraceId, job.EnqueuedTimestamp, _time, out var hasRetrieval) && !hasRetrieval))
        {
            context = [.. await _traces.GetRetrievalDocumentsAsync(span.TraceId, cancellationToken).ConfigureAwait(false)];
        }

        var max = _options.MaxContentChars;
        var input = new EvaluationInput(
            TemplateRenderer.Truncate(span.GenAi.InputText ?? span.GenAi.RetrievalQuery, max),
            TemplateRenderer.Truncate(span.GenAi.OutputText, max),
            [.. context.Where(d => !string.IsNullOrEmpty(d.Content)).Select(d => TemplateRenderer.Truncate(d.Content!, max))],
            span.Attributes.GetString(ExpectedOutputAttribute),
            span);

        var results = new List<EvaluationResultRecord>(job.Evaluators.Count);
        var logs = new List<EvaluationLogEntry>(job.Evaluators.Count);
        var flags = new List<FlaggedSpan>();
        foreach (var evaluator in job.Evaluators)
        {
            var started = Stopwatch.GetTimestamp();
            var (outcome, status, message) = await ScoreAsync(evaluator, input, cancellationToken).ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (outcome is null)
            {
                logs.Add(Log(evaluator, span, null, ms, status, message));
                continue;
            }

            Interlocked.Increment(ref _scored);
            results.Add(new EvaluationResultRecord
            {
                Name = string.IsNullOrEmpty(evaluator.ScoreName) ? evaluator.Name : evaluator.ScoreName,
                ScoreValue = Math.Round(outcome.Score, 6),
                ScoreLabel = outcome.Label,
                Explanation = outcome.Explanation,
                TraceId = span.TraceId,
                SpanId = span.SpanId,
                ResponseId = span.GenAi.ResponseId,
                TimeUnixNano = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000,
                Source = evaluator.Id,
                UserId = span.GenAi.UserId,
                SpanRow = span.StoreRowId,
            });
            logs.Add(Log(evaluator, span, outcome.Score, ms, status, message));
            _observer?.Observe(results[^1], span);

            // The hallucination sensitivity of the guardrail settings (live) overrides the evaluator's own threshold.
            var passThreshold = evaluator.ScoreName == "hallucination" && _guardrails is not null
                ? _guardrails.Current.HallucinationSensitivity
                : evaluator.PassThreshold;
            if (passThreshold is { } threshold && !string.IsNullOrEmpty(evaluator.FlagQueue)
                && (evaluator.HigherIsBetter ? outcome.Score < threshold : outcome.Score > threshold))
            {
                flags.Add(new FlaggedSpan(span.TraceId, span.SpanId, evaluator.FlagQueue!, evaluator.ScoreName, $"{evaluator.Name} scored {outcome.Score:0.00} (threshold {threshold:0.00}): {outcome.Explanation}", "high", _time.GetUtcNow()));
            }
        }

        lock (_bufferGate)
        {
            _results.AddRange(results);
            _logs.AddRange(logs);
            _flagged.AddRange(flags);
        }
    }

    private bool NeedsContext(EvaluatorDefinition e)
    {
        var scorer = e.Kind == "llm_judge" ? DeterministicFallback.ScorerFor(e) : e.Scorer;
        return scorer is "groundedness" or "hallucination" or "context_relevance" || e.Template.Contains("{{context}}", StringComparison.Ordinal);
    }

    private async Task<(ScoreOutcome? Outcome, string Status, string? Message)> ScoreAsync(EvaluatorDefinition e, EvaluationInput input, CancellationToken cancellationToken)
    {
        string? judgeProblem = null;
        var status = "ok";
        if (e.Kind == "llm_judge" && _judge is not null)
        {
            var prompt = TemplateRenderer.Render(
                string.IsNullOrWhiteSpace(e.Template) ? "Question: {{input}}\nContext: {{context}}\nAnswer: {{output}}\nExpected: {{expected}}" : e.Template,
                new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["input"] = input.Question,
                    ["output"] = input.Answer,
                    ["context"] = input.Context,
                    ["expected"] = input.Expected,
                });
            var verdict = await _judge.JudgeAsync(e.Guidelines, prompt, cancellationToken).ConfigureAwait(false);
            if (verdict.Status == JudgeStatus.Ok)
            {
                return (new ScoreOutcome(verdict.Score!.Value, verdict.Label ?? string.Empty, verdict.Explanation ?? string.Empty), "ok", null);
            }

            status = verdict.Status switch
            {
                JudgeStatus.Timeout => "timeout",
                JudgeStatus.Malformed => "malformed",
                JudgeStatus.RateLimited => "rate_limited",
                _ => "error",
            };
            judgeProblem = verdict.Error;
        }

        var scorerName = e.Kind == "llm_judge" ? DeterministicFallback.ScorerFor(e) : e.Scorer;
        if (!_scorers.TryGetValue(scorerName, out var scorer))
        {
            return (null, "error", $"no built-in scorer named '{scorerName}'");
        }

        ScoreOutcome? outcome;
        try
        {
            outcome = scorer.Score(input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            return (null, "error", $"{scorerName} failed: {ex.Message}");
        }

        if (outcome is null)
        {
            return (null, "skipped", SkippedMessages.GetOrAdd(scorerName, static n => $"{n} needs content this span does not carry (answer, question or retrieved context)"));
        }

        var message = judgeProblem is not null
            ? $"{judgeProblem}; scored by the deterministic fallback ({scorerName})"
            : e.Kind == "llm_judge" ? NoJudgeMessages.GetOrAdd(scorerName, static n => $"no judge endpoint configured; scored by the deterministic fallback ({n})") : null;
        return (outcome, status, message);
    }

    // The same few log messages on every span: made once per scorer name, not per evaluation.
    private static readonly ConcurrentDictionary<string, string> SkippedMessages = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> NoJudgeMessages = new(StringComparer.Ordinal);

    private EvaluationLogEntry Log(EvaluatorDefinition e, SpanRecord span, double? score, double ms, string status, string? message) =>
        new(_time.GetUtcNow(), e.Id, e.Name, span.TraceId, span.SpanId, score, ms, status, message, span.StoreRowId);

    private void Record(IEnumerable<EvaluationLogEntry> entries)
    {
        lock (_bufferGate)
        {
            _logs.AddRange(entries);
        }
    }

    private void FlushLoop(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval, _time);
        try
        {
            while (timer.WaitForNextTickAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                // Not cancelled midway: what a flush has taken from the buffers it writes or puts back.
                FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes buffered scores, log lines and flags; results the writer refuses stay buffered for the next flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        // One flush at a time: a final flush waits for the periodic one in progress, so nothing is written after it.
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private async Task FlushLockedAsync(CancellationToken cancellationToken)
    {
        Metrics?.Publish(Pending, _options.QueueCapacity, Buffered, Scored, Dropped, Failed);
        List<EvaluationResultRecord> results;
        List<EvaluationLogEntry> logs;
        List<FlaggedSpan> flags;
        lock (_bufferGate)
        {
            (results, _results) = (_results, []);
            (logs, _logs) = (_logs, []);
            (flags, _flagged) = (_flagged, []);
        }

        // Results written (or already put back) are never buffered again: a retry would store them twice.
        var handled = 0;
        var logsHandled = 0;
        try
        {
            // In slices, so the ingest queue can pass client exports between them; a refused slice and the ones
            // after it stay buffered for the next flush.
            for (var start = 0; start < results.Count; start += TelemetryBatch.BackgroundSlice)
            {
                var slice = results.GetRange(start, Math.Min(TelemetryBatch.BackgroundSlice, results.Count - start));
                if (!await _writer.WriteAsync(slice, cancellationToken).ConfigureAwait(false))
                {
                    lock (_bufferGate)
                    {
                        _results.InsertRange(0, results.Skip(start));
                    }

                    handled = results.Count;
                    break;
                }

                handled += slice.Count;
            }

            // Log lines in slices too, each after a moment with no client export in flight (bounded, as the workers'
            // wait): a flush's lines are thousands of rows, too long a stretch to run alongside an export.
            for (var start = 0; start < logs.Count; start += TelemetryBatch.BackgroundSlice)
            {
                YieldToIngest(cancellationToken);
                var slice = logs.GetRange(start, Math.Min(TelemetryBatch.BackgroundSlice, logs.Count - start));
                await _logSink.AppendAsync(slice, cancellationToken).ConfigureAwait(false);
                logsHandled += slice.Count;
            }

            if (flags.Count > 0 && _flags is not null)
            {
                await _flags.FlagAsync(flags, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Writing {Results} evaluation results failed; they are kept for the next attempt", results.Count - handled);
            lock (_bufferGate)
            {
                _results.InsertRange(0, results.Skip(handled));
                _logs.InsertRange(0, logs.Skip(logsHandled));

                _flagged.InsertRange(0, flags);
            }
        }
    }

    /// <summary>
    /// Ingest first: while client exports are in flight, waits (at most <see cref="EvaluationOptions.YieldToIngest"/>,
    /// and not at all once scoring is a quarter of its queue behind) for a moment with none. Blocks the calling thread.
    /// </summary>
    private void YieldToIngest(CancellationToken cancellationToken)
    {
        if (_ingest is not null && Pending < _options.QueueCapacity / 4)
        {
            _ingest.WaitIdle(_options.YieldToIngest, cancellationToken);
        }
    }

    /// <summary>Scores, log lines and flags waiting to be written.</summary>
    internal int Buffered
    {
        get
        {
            lock (_bufferGate)
            {
                return _results.Count + _logs.Count + _flagged.Count;
            }
        }
    }

    /// <summary>
    /// Shutdown, first step: takes no more spans, scores every span already queued and writes all results, logs and
    /// flags while the ingest queue still accepts them. <see cref="DisposeAsync"/> afterwards only stops the timers.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _jobs.Writer.TryComplete();
        var pending = Pending;
        await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _flusher.WaitAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        while (Buffered > 0)
        {
            // The ingest queue refused a slice (its background half is full): let it drain, then write the rest.
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Evaluation drained for shutdown: {Pending} queued spans scored and all results written", pending);
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        try
        {
            // Let workers finish what is queued, then flush once more.
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(10), _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Evaluation workers did not finish within 10 s at shutdown; {Pending} spans were not scored", Pending);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _flusher.ConfigureAwait(false);
            await FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), _time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning(ex, "Final flush of evaluation results did not complete");
        }

        _stop.Dispose();
        _flushGate.Dispose();
    }
}
