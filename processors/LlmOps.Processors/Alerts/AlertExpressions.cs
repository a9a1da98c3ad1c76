using System.Globalization;
using LlmOps.Processors.Metrics;

namespace LlmOps.Processors.Alerts;

/// <summary>The PromQL for each rule kind, over the metric names of <see cref="MetricNames"/>.</summary>
internal static class AlertExpressions
{
    /// <summary>The measured value (what the in-process evaluator computes, too).</summary>
    public static string Value(AlertRule rule, string contextRelevanceScore = "context_relevance", string hallucinationScore = "hallucination")
    {
        ArgumentNullException.ThrowIfNull(rule);
        var w = Duration(rule.Window);
        if (rule.Kind == AlertRuleKind.Threshold)
        {
            // The same PromQL as the fixed-direction kind that measures this signal.
            var kind = rule.MeasuredSignal switch
            {
                AlertSignal.ContextRelevance => AlertRuleKind.ContextRelevanceBelow,
                AlertSignal.CostUsd => AlertRuleKind.DailyCostAbove,
                AlertSignal.LatencyP95 => AlertRuleKind.P95LatencyAbove,
                AlertSignal.HallucinationRate => AlertRuleKind.HallucinationRateAbove,
                _ => AlertRuleKind.ErrorRateAbove,
            };
            return Value(new AlertRule { Kind = kind, Window = rule.Window }, contextRelevanceScore, hallucinationScore);
        }

        return rule.Kind switch
        {
            AlertRuleKind.ContextRelevanceBelow =>
                $"sum(rate({MetricNames.EvaluationScore}_sum{{{MetricNames.LabelScoreName}=\"{contextRelevanceScore}\"}}[{w}])) / sum(rate({MetricNames.EvaluationScore}_count{{{MetricNames.LabelScoreName}=\"{contextRelevanceScore}\"}}[{w}]))",
            AlertRuleKind.DailyCostAbove => $"sum(increase({MetricNames.CostUsdTotal}[{w}]))",
            AlertRuleKind.P95LatencyAbove => $"histogram_quantile(0.95, sum by ({MetricNames.LabelLe}) (rate({MetricNames.RequestDurationSeconds}_bucket[{w}])))",
            AlertRuleKind.ErrorRateAbove => ErrorRate(w),
            AlertRuleKind.HallucinationRateAbove =>
                $"sum(rate({MetricNames.HallucinationsTotal}[{w}])) / sum(rate({MetricNames.EvaluationScore}_count{{{MetricNames.LabelScoreName}=\"{hallucinationScore}\"}}[{w}]))",
            _ => BurnRate(rule, rule.LongWindow),
        };
    }

    /// <summary>The alert condition.</summary>
    public static string Condition(AlertRule rule, string contextRelevanceScore = "context_relevance", string hallucinationScore = "hallucination")
    {
        ArgumentNullException.ThrowIfNull(rule);
        var t = Number(rule.Threshold);
        return rule.Kind switch
        {
            AlertRuleKind.ContextRelevanceBelow => $"({Value(rule, contextRelevanceScore, hallucinationScore)}) < {t}",
            AlertRuleKind.SloBurnRate => $"(({BurnRate(rule, rule.LongWindow)}) > {t}) and (({BurnRate(rule, rule.ShortWindow)}) > {t})",
            AlertRuleKind.Threshold => $"({Value(rule, contextRelevanceScore, hallucinationScore)}) {Operator(rule.Comparison)} {t}",
            _ => $"({Value(rule, contextRelevanceScore, hallucinationScore)}) > {t}",
        };
    }

    /// <summary>The PromQL comparison operator.</summary>
    public static string Operator(AlertComparison comparison) => comparison switch
    {
        AlertComparison.Gte => ">=",
        AlertComparison.Lt => "<",
        AlertComparison.Lte => "<=",
        AlertComparison.Eq => "==",
        _ => ">",
    };

    public static string BurnRate(AlertRule rule, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return $"({ErrorRate(Duration(window))}) / {Number(1 - rule.Slo)}";
    }

    /// <summary>A Prometheus duration: <c>1d</c>, <c>1h</c>, <c>5m</c>, <c>30s</c>, <c>250ms</c>.</summary>
    public static string Duration(TimeSpan t)
    {
        if (t.TotalMilliseconds % 86_400_000 == 0 && t.TotalDays >= 1)
        {
            return ((long)t.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (t.TotalMilliseconds % 3_600_000 == 0 && t.TotalHours >= 1)
        {
            return ((long)t.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (t.TotalMilliseconds % 60_000 == 0 && t.TotalMinutes >= 1)
        {
            return ((long)t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (t.TotalMilliseconds % 1000 == 0)
        {
            return ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        }

        return ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
    }

    public static string Number(double v) => Math.Round(v, 10).ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>
    /// Failed ÷ all GenAI requests over the window <paramref name="w"/> (<c>5m</c>). Without any error series (only
    /// successes so far) the numerator is 0, not empty, so the ratio is 0 whenever there are requests.
    /// </summary>
    public static string ErrorRate(string w) => $"(sum(rate({MetricNames.ErrorsTotal}[{w}])) or vector(0)) / sum(rate({MetricNames.GenAiRequestsTotal}[{w}]))";
}
