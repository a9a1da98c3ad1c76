using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Processors.Metrics;

/// <summary>
/// The KPI view (exporter type <c>prometheus</c>, non-durable: runs after the batch is stored). Each batch updates
/// the series served on <c>/metrics</c>; see <see cref="MetricNames"/> for every name. Definitions that are not
/// plain counts:
/// <list type="bullet">
/// <item>a trace is counted at its root span; GenAI requests are GenAI spans other than retrievals (model calls);</item>
/// <item>errors are GenAI requests with status error or an <c>error.type</c> (<c>_OTHER</c> when only the status says so);</item>
/// <item>feedback is an evaluation named <see cref="KpiMetricsExporterOptions.FeedbackName"/>: positive/negative by
/// label, else by score against <see cref="KpiMetricsExporterOptions.PositiveScoreThreshold"/>; issues reported are
/// negative feedback; user satisfaction = positive ÷ (positive + negative) since start;</item>
/// <item>an escalation is a GenAI span with a guardrail flag routed to a review queue (counted once per span);</item>
/// <item>task completion and first-response accuracy as in <see cref="SessionTracker"/>;</item>
/// <item>daily active users: distinct <c>user.id</c> on spans and feedback since midnight UTC (HyperLogLog).</item>
/// </list>
/// </summary>
internal sealed class KpiMetricsExporter : ITelemetryExporter
{
    private readonly KpiMetricsExporterOptions _options;
    private readonly HashSet<string> _positive;
    private readonly HashSet<string> _negative;
    private readonly SessionTracker _sessions;
    private readonly DailyActiveUsers _dau;
    private readonly OtlpMetricsMapper _otlp;
    private readonly CounterFamily _batches;
    private readonly CounterFamily _spans;
    private readonly CounterFamily _traces;
    private readonly CounterFamily _requests;
    private readonly CounterFamily _cost;
    private readonly CounterFamily? _userCost;
    private readonly CounterFamily _tokens;
    private readonly HistogramFamily _latency;
    private readonly CounterFamily _errors;
    private readonly CounterFamily _feedback;
    private readonly CounterFamily _issues;
    private readonly CounterFamily _escalations;
    private readonly CounterFamily _guardrails;
    private readonly HistogramFamily _scores;
    private readonly CounterFamily _hallucinations;
    private readonly HistogramFamily _quality;
    private long _positiveFeedback;
    private long _negativeFeedback;

    public KpiMetricsExporter(string id, KpiMetricsExporterOptions options, MetricRegistry registry, TimeProvider timeProvider, KpiWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Id = id;
        _options = options;
        Registry = registry;
        // The shared window (the alert engine reads it) is made before any exporter's options are known: it takes this
        // exporter's score names and threshold, so that renamed scores still reach the context-relevance and
        // hallucination rules.
        Window = window ?? new KpiWindow(timeProvider, options.LatencyBuckets, TimeSpan.FromHours(49));
        Window.ContextRelevanceScore = options.ContextRelevanceScoreName;
        Window.HallucinationScore = options.HallucinationScoreName;
        Window.HallucinationThreshold = options.HallucinationThreshold;
        _positive = new HashSet<string>(options.PositiveLabels, StringComparer.OrdinalIgnoreCase);
        _negative = new HashSet<string>(options.NegativeLabels, StringComparer.OrdinalIgnoreCase);
        _sessions = new SessionTracker(options.MaxTrackedTraces, options.MaxTrackedSessions);
        _dau = new DailyActiveUsers(timeProvider);
        _otlp = new OtlpMetricsMapper(registry, options, timeProvider);
        var cap = options.MaxSeriesPerMetric;
        _batches = registry.Counter(MetricNames.KpiBatchesTotal, "Stored batches the KPI view has processed.", []);
        _spans = AtZero(registry.Counter(MetricNames.SpansTotal, "Spans received, by span name and service.", [MetricNames.LabelSpanName, MetricNames.LabelService], cap));
        _traces = AtZero(registry.Counter(MetricNames.TracesTotal, "Traces received (root spans), by root span name and service.", [MetricNames.LabelTraceName, MetricNames.LabelService], cap));
        _requests = AtZero(registry.Counter(MetricNames.GenAiRequestsTotal, "GenAI requests (model calls), by model, provider and operation.", [MetricNames.LabelModel, MetricNames.LabelProvider, MetricNames.LabelOperation], cap));
        _cost = AtZero(registry.Counter(MetricNames.CostUsdTotal, "Cost of GenAI requests in US dollars, by model and provider.", [MetricNames.LabelModel, MetricNames.LabelProvider], cap));
        _userCost = options.CostByUser
            ? AtZero(registry.Counter(MetricNames.UserCostUsdTotal, "Cost of GenAI requests in US dollars, by user id (capped).", [MetricNames.LabelUser], options.MaxUserSeries))
            : null;
        _tokens = AtZero(registry.Counter(MetricNames.TokensTotal, "Tokens used, by type (input, output) and model.", [MetricNames.LabelTokenType, MetricNames.LabelModel], cap));
        _latency = AtZero(registry.Histogram(MetricNames.RequestDurationSeconds, "Duration of GenAI requests in seconds, by model.", options.LatencyBuckets, [MetricNames.LabelModel], cap));
        _errors = AtZero(registry.Counter(MetricNames.ErrorsTotal, "Failed GenAI requests, by error.type and model.", [MetricNames.LabelErrorType, MetricNames.LabelModel], cap));
        _feedback = AtZero(registry.Counter(MetricNames.FeedbackTotal, "User feedback, by label (positive, negative, neutral).", [MetricNames.LabelFeedback], 8));
        _issues = AtZero(registry.Counter(MetricNames.IssuesReportedTotal, "Issues reported by users (negative feedback).", []));
        _escalations = AtZero(registry.Counter(MetricNames.EscalationsTotal, "GenAI spans escalated to a human review queue, by queue.", [MetricNames.LabelQueue], cap));
        _guardrails = AtZero(registry.Counter(MetricNames.GuardrailViolationsTotal, "Guardrail violations, by rule and severity.", [MetricNames.LabelRule, MetricNames.LabelSeverity], cap));
        _scores = AtZero(registry.Histogram(MetricNames.EvaluationScore, "Evaluation scores, by score name and source (client or evaluator id).", options.ScoreBuckets, [MetricNames.LabelScoreName, MetricNames.LabelSource], cap));
        _hallucinations = AtZero(registry.Counter(MetricNames.HallucinationsTotal, "Answers whose hallucination score is at or above the threshold.", []));
        _quality = AtZero(registry.Histogram(MetricNames.ResponseQuality, "Distribution of the response-quality score.", options.ScoreBuckets, []));
        // The label sets known up front exist from the start, at 0: a healthy system shows 0 issues, not no data.
        _batches.WithLabels();
        _issues.WithLabels();
        _hallucinations.WithLabels();
        foreach (var label in new[] { "positive", "negative", "neutral" })
        {
            _feedback.WithLabels(label);
        }

        var satisfaction = registry.Gauge(MetricNames.UserSatisfactionRatio, "Positive ÷ (positive + negative) user feedback since start.", []);
        var completion = registry.Gauge(MetricNames.TaskCompletionRatio, "Sessions whose latest feedback is positive ÷ sessions with feedback.", []);
        var firstAccuracy = registry.Gauge(MetricNames.FirstResponseAccuracyRatio, "Sessions whose first answer was judged good ÷ sessions whose first answer was judged.", []);
        var tracked = registry.Gauge(MetricNames.SessionsTracked, "Sessions the KPI view currently remembers.", []);
        var dau = registry.Gauge(MetricNames.DailyActiveUsers, "Distinct users since midnight UTC (HyperLogLog estimate).", []);
        registry.AddCollector(() =>
        {
            var pos = Interlocked.Read(ref _positiveFeedback);
            var neg = Interlocked.Read(ref _negativeFeedback);
            if (pos + neg > 0)
            {
                satisfaction.WithLabels().Set((double)pos / (pos + neg));
            }

            var (tc, fra) = _sessions.Compute();
            if (tc is { } t)
            {
                completion.WithLabels().Set(t);
            }

            if (fra is { } f)
            {
                firstAccuracy.WithLabels().Set(f);
            }

            tracked.WithLabels().Set(_sessions.SessionCount);
            dau.WithLabels().Set(_dau.Estimate());
        });
    }

    public string Id { get; }

    public bool IsDurable => false;

    public MetricRegistry Registry { get; }

    /// <summary>Recent aggregates for the alert evaluator.</summary>
    public KpiWindow Window { get; }

    public Task ExportAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var span in batch.Spans)
        {
            OnSpan(span);
        }

        foreach (var log in batch.Logs)
        {
            if (log.Evaluation is { } e)
            {
                OnEvaluation(e);
            }
        }

        if (_options.OtlpMetrics)
        {
            _otlp.Apply(batch.Metrics);
        }

        _batches.WithLabels().Add();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A family derived from telemetry whose new series start at 0 (see <see cref="MetricFamily.NewSeriesAtZero"/>).</summary>
    private static TFamily AtZero<TFamily>(TFamily family)
        where TFamily : MetricFamily
    {
        family.NewSeriesAtZero = true;
        return family;
    }

    /// <summary>The value, or null when it is empty (an empty label value is no label at all in Prometheus).</summary>
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private void OnSpan(SpanRecord span)
    {
        var service = NonEmpty(span.Resource.ServiceName) ?? "unknown_service";
        _spans.WithLabels(span.Name, service).Add();
        if (span.IsRoot)
        {
            _traces.WithLabels(span.Name, service).Add();
        }

        var g = span.GenAi;
        var effectiveModel = g.EffectiveModel;
        _sessions.ObserveSpan(span.TraceId, g.SessionId, g.IsGenAi ? effectiveModel : null, g.PromptVersion, span.StartTimeUnixNano);
        if (g.UserId is { Length: > 0 } user)
        {
            _dau.Add(user);
        }

        foreach (var flag in span.GuardrailFlags)
        {
            _guardrails.WithLabels(flag.Rule, flag.Severity).Add();
        }

        if (span.GuardrailFlags.Find(f => !string.IsNullOrEmpty(f.Queue)) is { } escalated)
        {
            _escalations.WithLabels(escalated.Queue).Add();
        }

        if (!g.IsGenAi || g.IsRetrieval)
        {
            return;
        }

        var model = effectiveModel ?? "unknown";
        var provider = NonEmpty(g.Provider) ?? "unknown";
        _requests.WithLabels(model, provider, NonEmpty(g.Operation) ?? "unknown").Add();
        var seconds = span.EndTimeUnixNano > span.StartTimeUnixNano ? (span.EndTimeUnixNano - span.StartTimeUnixNano) / 1e9 : 0;
        _latency.WithLabels(model).Observe(seconds);
        var isError = span.StatusCode == StatusCodeValue.Error || g.ErrorType is not null;
        if (isError)
        {
            _errors.WithLabels(NonEmpty(g.ErrorType) ?? "_OTHER", model).Add();
        }

        if (span.CostUsd is { } cost && double.IsFinite(cost) && cost > 0)
        {
            _cost.WithLabels(model, provider).Add(cost);
            if (_userCost is not null && g.UserId is { Length: > 0 } u)
            {
                _userCost.WithLabels(u).Add(cost);
            }
        }

        if (g.InputTokens is { } input && input > 0)
        {
            _tokens.WithLabels("input", model).Add(input);
        }

        if (g.OutputTokens is { } output && output > 0)
        {
            _tokens.WithLabels("output", model).Add(output);
        }

        Window.RecordRequest(model, g.PromptVersion, seconds, isError, span.CostUsd);
    }

    private void OnEvaluation(EvaluationResultRecord e)
    {
        if (e.UserId is { Length: > 0 } user)
        {
            _dau.Add(user);
        }

        if (string.Equals(e.Name, _options.FeedbackName, StringComparison.Ordinal))
        {
            var positive = IsPositive(e);
            _feedback.WithLabels(positive switch { true => "positive", false => "negative", null => "neutral" }).Add();
            if (positive is { } p)
            {
                if (p)
                {
                    Interlocked.Increment(ref _positiveFeedback);
                }
                else
                {
                    Interlocked.Increment(ref _negativeFeedback);
                    _issues.WithLabels().Add();
                }

                _sessions.RecordFeedback(e.TraceId, p, e.TimeUnixNano);
            }

            return;
        }

        if (e.ScoreValue is not { } value || !double.IsFinite(value))
        {
            return;
        }

        _scores.WithLabels(e.Name, e.Source).Observe(value);
        if (string.Equals(e.Name, _options.QualityScoreName, StringComparison.Ordinal))
        {
            _quality.WithLabels().Observe(value);
        }

        if (string.Equals(e.Name, _options.CorrectnessScoreName, StringComparison.Ordinal))
        {
            _sessions.RecordCorrectness(e.TraceId, value >= _options.CorrectnessThreshold);
        }

        if (string.Equals(e.Name, _options.HallucinationScoreName, StringComparison.Ordinal) && value >= _options.HallucinationThreshold)
        {
            _hallucinations.WithLabels().Add();
        }

        var trace = _sessions.Find(e.TraceId);
        Window.RecordScore(trace?.Model, trace?.PromptVersion, e.Name, value);
    }

    private bool? IsPositive(EvaluationResultRecord e)
    {
        if (e.ScoreLabel is { } label)
        {
            if (_positive.Contains(label))
            {
                return true;
            }

            if (_negative.Contains(label))
            {
                return false;
            }
        }

        return e.ScoreValue is { } v && double.IsFinite(v) ? v >= _options.PositiveScoreThreshold : null;
    }
}
