namespace LlmOps.Processors.Alerts;

/// <summary>What a rule measures (YAML: <c>kind: error_rate_above</c>, ...).</summary>
internal enum AlertRuleKind
{
    ContextRelevanceBelow = 0,
    DailyCostAbove = 1,
    P95LatencyAbove = 2,
    ErrorRateAbove = 3,
    HallucinationRateAbove = 4,

    /// <summary>Multi-window error-budget burn rate: both the long and the short window burn faster than the threshold.</summary>
    SloBurnRate = 5,

    /// <summary>Any <see cref="AlertRule.Signal"/> compared with the threshold by <see cref="AlertRule.Comparison"/>.</summary>
    Threshold = 6,
}
