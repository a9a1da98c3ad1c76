using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Metrics;

internal sealed class KpiMetricsExporterOptionsValidator : IOptionsValidator<KpiMetricsExporterOptions>
{
    public void Validate(KpiMetricsExporterOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        Positive(errors, "max_series_per_metric", options.MaxSeriesPerMetric, 1_000_000);
        Positive(errors, "max_user_series", options.MaxUserSeries, 100_000);
        Positive(errors, "max_tracked_traces", options.MaxTrackedTraces, 10_000_000);
        Positive(errors, "max_tracked_sessions", options.MaxTrackedSessions, 10_000_000);
        Positive(errors, "max_otlp_metrics", options.MaxOtlpMetrics, 10_000);
        Positive(errors, "max_labels_per_series", options.MaxLabelsPerSeries, 64);
        Positive(errors, "max_otlp_streams", options.MaxOtlpStreams, 10_000_000);
        if (options.OtlpStreamIdle <= TimeSpan.Zero)
        {
            errors.Add("otlp_stream_idle", $"must be a positive duration, got {options.OtlpStreamIdle}");
        }

        Buckets(errors, "latency_buckets", options.LatencyBuckets);
        Buckets(errors, "score_buckets", options.ScoreBuckets);
        foreach (var (key, value) in new[]
        {
            ("feedback_name", options.FeedbackName), ("quality_score_name", options.QualityScoreName),
            ("correctness_score_name", options.CorrectnessScoreName), ("hallucination_score_name", options.HallucinationScoreName),
            ("context_relevance_score_name", options.ContextRelevanceScoreName),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(key, "must not be empty");
            }
        }

        if (options.PositiveLabels.Intersect(options.NegativeLabels, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
        {
            errors.Add("negative_labels", $"'{both}' is listed as both positive and negative");
        }
    }

    private static void Positive(ValidationErrors errors, string key, int value, int max)
    {
        if (value < 1 || value > max)
        {
            errors.Add(key, $"must be between 1 and {max}, got {value}");
        }
    }

    private static void Buckets(ValidationErrors errors, string key, List<double> bounds)
    {
        if (bounds.Count == 0)
        {
            errors.Add(key, "must list at least one bucket bound");
            return;
        }

        for (var i = 1; i < bounds.Count; i++)
        {
            if (bounds[i] <= bounds[i - 1])
            {
                errors.Add(key, $"must be strictly increasing ({bounds[i - 1]} then {bounds[i]})");
                return;
            }
        }
    }
}
