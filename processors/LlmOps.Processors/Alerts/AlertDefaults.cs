namespace LlmOps.Processors.Alerts;

/// <summary>The rules LlmOps ships with (and writes to <c>grafana/prometheus/llmops-rules.yml</c>).</summary>
internal static class AlertDefaults
{
    public static List<AlertRule> Rules() =>
    [
        new()
        {
            Id = "context-relevance-low", Name = "LlmOpsContextRelevanceLow", Kind = AlertRuleKind.ContextRelevanceBelow,
            Threshold = 0.6, For = TimeSpan.FromMinutes(10), Window = TimeSpan.FromHours(1), Severity = "warning",
            Summary = "Mean context relevance of retrieved documents is below the threshold",
        },
        new()
        {
            Id = "daily-cost-high", Name = "LlmOpsDailyCostHigh", Kind = AlertRuleKind.DailyCostAbove,
            Threshold = 50, For = TimeSpan.Zero, Window = TimeSpan.FromDays(1), Severity = "warning",
            Summary = "LLM cost over the last 24 hours is above the limit",
        },
        new()
        {
            Id = "p95-latency-high", Name = "LlmOpsP95LatencyHigh", Kind = AlertRuleKind.P95LatencyAbove,
            Threshold = 5, For = TimeSpan.FromMinutes(5), Window = TimeSpan.FromMinutes(5), Severity = "warning",
            Summary = "95th percentile of GenAI request duration is above the threshold",
        },
        new()
        {
            Id = "error-rate-high", Name = "LlmOpsErrorRateHigh", Kind = AlertRuleKind.ErrorRateAbove,
            Threshold = 0.05, For = TimeSpan.FromMinutes(5), Window = TimeSpan.FromMinutes(5), Severity = "critical",
            Summary = "Share of failed GenAI requests is above the threshold",
        },
        new()
        {
            Id = "hallucination-rate-high", Name = "LlmOpsHallucinationRateHigh", Kind = AlertRuleKind.HallucinationRateAbove,
            Threshold = 0.1, For = TimeSpan.FromMinutes(15), Window = TimeSpan.FromHours(1), Severity = "critical",
            Summary = "Share of answers scored as hallucinated is above the threshold",
        },
        new()
        {
            Id = "slo-burn-rate", Name = "LlmOpsErrorBudgetBurn", Kind = AlertRuleKind.SloBurnRate,
            Threshold = 14.4, For = TimeSpan.FromMinutes(2), Slo = 0.99, LongWindow = TimeSpan.FromHours(1), ShortWindow = TimeSpan.FromMinutes(5),
            Severity = "critical", Summary = "The 99% availability SLO's error budget is burning more than 14.4 times too fast",
        },
    ];
}
