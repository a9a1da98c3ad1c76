using LlmOps.Processors.Metrics;

namespace LlmOps.Processors.Drift;

/// <summary>
/// Publishes a drift report as gauges: every statistic (<c>llmops_drift_value</c>), the verdict
/// (<c>llmops_drift_detected</c>) and, for detected findings, the root cause as an info-style gauge whose
/// <c>summary</c> label names the cause and what to do, without figures (<c>llmops_drift_rca_info</c>), and the
/// share of the change it explains (<c>llmops_drift_rca_explained_ratio</c>). Each publish replaces the previous
/// report's series, so the number of series stays bounded by one report (and by each family's cap), and a cause that
/// stays keeps its series from one evaluation to the next.
/// </summary>
internal sealed class DriftMetricsPublisher
{
    private readonly GaugeFamily _value;
    private readonly GaugeFamily _detected;
    private readonly GaugeFamily _rca;
    private readonly GaugeFamily _rcaShare;
    private readonly CounterFamily _evaluations;

    public DriftMetricsPublisher(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        string[] labels = [MetricNames.LabelKind, MetricNames.LabelScoreName, MetricNames.LabelModel, MetricNames.LabelPromptVersion];
        _value = registry.Gauge(MetricNames.DriftValue, "Drift statistics of the latest evaluation, by kind, score, model, prompt version and method.", [.. labels, MetricNames.LabelMethod], 1000);
        _detected = registry.Gauge(MetricNames.DriftDetected, "1 when the latest drift evaluation flagged this comparison, else 0.", labels, 500);
        _rca = registry.Gauge(MetricNames.DriftRcaInfo, "Root cause of each detected drift (always 1); the summary label names the cause and what to do.", [.. labels, MetricNames.LabelDimension, MetricNames.LabelValue, MetricNames.LabelSummary], 100);
        _rcaShare = registry.Gauge(MetricNames.DriftRcaExplainedRatio, "Share of each detected drift's change that its root cause explains (0 to 1).", [.. labels, MetricNames.LabelDimension, MetricNames.LabelValue], 100);
        _evaluations = registry.Counter(MetricNames.DriftEvaluationsTotal, "Drift evaluations run.", []);
        _evaluations.WithLabels(); // at 0 from the start, so the first evaluation counts in increase()
    }

    public void Publish(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _value.Clear();
        _detected.Clear();
        _rca.Clear();
        _rcaShare.Clear();
        foreach (var f in report.Findings)
        {
            var kind = KindLabel(f.Kind);
            foreach (var (method, v) in f.Statistics)
            {
                _value.WithLabels(kind, f.ScoreName, f.Model, f.PromptVersion, method).Set(v);
            }

            _detected.WithLabels(kind, f.ScoreName, f.Model, f.PromptVersion).Set(f.Detected ? 1 : 0);
            if (f.Detected && f.RootCause is { } rc)
            {
                _rca.WithLabels(kind, f.ScoreName, f.Model, f.PromptVersion, rc.Dimension, rc.Value, RcaText.Summary(rc)).Set(1);
                _rcaShare.WithLabels(kind, f.ScoreName, f.Model, f.PromptVersion, rc.Dimension, rc.Value).Set(rc.ExplainedShare);
            }
        }

        _evaluations.WithLabels().Add();
    }

    public static string KindLabel(DriftKind kind) => kind switch
    {
        DriftKind.ScoreDistribution => "score_distribution",
        DriftKind.HallucinationRate => "hallucination_rate",
        DriftKind.ContextRelevance => "context_relevance",
        DriftKind.RetrievalOverlap => "retrieval_overlap",
        _ => "provider_behaviour",
    };
}
