using LlmOps.Sdk;

namespace LlmOps.Processors.Metrics;

/// <summary>Settings of the <c>prometheus</c> exporter (the KPI view served on <c>/metrics</c>).</summary>
internal sealed class KpiMetricsExporterOptions
{
    /// <summary>GenAI semantic conventions' advised boundaries for <c>gen_ai.client.operation.duration</c> (seconds).</summary>
    public static readonly IReadOnlyList<double> GenAiDurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>Series cap of every KPI metric; label sets beyond it go to the <c>__overflow__</c> series.</summary>
    public int MaxSeriesPerMetric { get; set; } = 2000;

    /// <summary>Serve cost per user id (off by default: user ids are high-cardinality).</summary>
    public bool CostByUser { get; set; }

    /// <summary>Series cap of the per-user cost metric when <see cref="CostByUser"/> is on.</summary>
    public int MaxUserSeries { get; set; } = 100;

    public List<double> LatencyBuckets { get; set; } = [.. GenAiDurationBuckets];

    public List<double> ScoreBuckets { get; set; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    /// <summary>Evaluation name of user feedback.</summary>
    public string FeedbackName { get; set; } = SemanticConventions.LlmOpsFeedbackName;

    public List<string> PositiveLabels { get; set; } = ["positive", "thumbs_up", "up", "good", "helpful", "yes"];

    public List<string> NegativeLabels { get; set; } = ["negative", "thumbs_down", "down", "bad", "unhelpful", "no", "issue"];

    /// <summary>Feedback without a known label is positive when its score is at or above this.</summary>
    public double PositiveScoreThreshold { get; set; } = 0.5;

    /// <summary>Score whose distribution is the response-quality histogram.</summary>
    public string QualityScoreName { get; set; } = "correctness";

    /// <summary>Score that counts as a judgement of the first answer (with <see cref="CorrectnessThreshold"/>).</summary>
    public string CorrectnessScoreName { get; set; } = "correctness";

    public double CorrectnessThreshold { get; set; } = 0.7;

    /// <summary>Score name of the hallucination evaluator; higher means more likely hallucinated.</summary>
    public string HallucinationScoreName { get; set; } = "hallucination";

    public double HallucinationThreshold { get; set; } = 0.5;

    public string ContextRelevanceScoreName { get; set; } = "context_relevance";

    public int MaxTrackedTraces { get; set; } = 100_000;

    public int MaxTrackedSessions { get; set; } = 50_000;

    /// <summary>Serve received OTLP metric points as <c>llmops_otlp_*</c> series.</summary>
    public bool OtlpMetrics { get; set; } = true;

    /// <summary>Distinct received OTLP metrics served; more are counted as refused.</summary>
    public int MaxOtlpMetrics { get; set; } = 200;

    /// <summary>Labels of one received OTLP series at most: the resource attributes first, then the point's attributes.</summary>
    public int MaxLabelsPerSeries { get; set; } = 16;

    /// <summary>
    /// Resource attributes that become labels of received OTLP metrics: those that tell one source (process, host,
    /// pod) from another, so that replicas are served apart.
    /// </summary>
    public List<string> ResourceAttributes { get; set; } =
        ["service.name", "service.namespace", "service.instance.id", "deployment.environment.name", "host.name", "k8s.namespace.name", "k8s.pod.name"];

    /// <summary>Received OTLP streams (metric, resource and attribute set) remembered at once; points of more new streams are refused.</summary>
    public int MaxOtlpStreams { get; set; } = 50_000;

    /// <summary>A received OTLP stream not seen for this long is forgotten (a non-monotonic sum's level leaves its series).</summary>
    public TimeSpan OtlpStreamIdle { get; set; } = TimeSpan.FromMinutes(10);
}
