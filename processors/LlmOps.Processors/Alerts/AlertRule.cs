namespace LlmOps.Processors.Alerts;

/// <summary>An alert rule; also the YAML shape of one entry under <c>alerting.rules</c>.</summary>
internal sealed class AlertRule
{
    /// <summary>Stable id (<c>[a-z0-9-]</c>), the <c>rule_id</c> label.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The <c>alertname</c> label, e.g. <c>LlmOpsErrorRateHigh</c>.</summary>
    public string Name { get; set; } = string.Empty;

    public AlertRuleKind Kind { get; set; }

    /// <summary>The limit: a score, USD per day, seconds, a ratio, or the burn-rate factor for <see cref="AlertRuleKind.SloBurnRate"/>.</summary>
    public double Threshold { get; set; }

    /// <summary>How long the condition must hold before the alert fires.</summary>
    public TimeSpan For { get; set; }

    /// <summary>The measurement window (ignored by the burn-rate rule, which uses its two windows).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    public string Severity { get; set; } = "warning";

    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>SLO target for the burn-rate rule (0.99 = 1% error budget).</summary>
    public double Slo { get; set; } = 0.99;

    public TimeSpan LongWindow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan ShortWindow { get; set; } = TimeSpan.FromMinutes(5);

    public string Summary { get; set; } = string.Empty;

    /// <summary>What a <see cref="AlertRuleKind.Threshold"/> rule measures (required for that kind, ignored by the others).</summary>
    public AlertSignal? Signal { get; set; }

    /// <summary>How a <see cref="AlertRuleKind.Threshold"/> rule compares <see cref="Signal"/> with <see cref="Threshold"/>.</summary>
    public AlertComparison Comparison { get; set; } = AlertComparison.Gt;

    /// <summary>Whether <paramref name="value"/> breaches <see cref="Threshold"/> under <see cref="Comparison"/>.</summary>
    public bool Breaches(double value) => Comparison switch
    {
        AlertComparison.Gte => value >= Threshold,
        AlertComparison.Lt => value < Threshold,
        AlertComparison.Lte => value <= Threshold,
        AlertComparison.Eq => Math.Abs(value - Threshold) <= 1e-9 * Math.Max(1, Math.Abs(Threshold)),
        _ => value > Threshold,
    };

    /// <summary>The signal this rule measures (burn-rate rules measure the error rate).</summary>
    public AlertSignal MeasuredSignal => Kind switch
    {
        AlertRuleKind.Threshold => Signal ?? AlertSignal.ErrorRate,
        AlertRuleKind.ContextRelevanceBelow => AlertSignal.ContextRelevance,
        AlertRuleKind.DailyCostAbove => AlertSignal.CostUsd,
        AlertRuleKind.P95LatencyAbove => AlertSignal.LatencyP95,
        AlertRuleKind.HallucinationRateAbove => AlertSignal.HallucinationRate,
        _ => AlertSignal.ErrorRate,
    };

    /// <summary>True when the alert is about a value falling (context relevance, or a threshold rule with lt/lte).</summary>
    public bool AlertsOnLowValues =>
        Kind == AlertRuleKind.ContextRelevanceBelow || (Kind == AlertRuleKind.Threshold && Comparison is AlertComparison.Lt or AlertComparison.Lte);

    public AlertRule Clone() => new()
    {
        Id = Id,
        Name = Name,
        Kind = Kind,
        Threshold = Threshold,
        For = For,
        Window = Window,
        Severity = Severity,
        Labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal),
        Slo = Slo,
        LongWindow = LongWindow,
        ShortWindow = ShortWindow,
        Summary = Summary,
        Signal = Signal,
        Comparison = Comparison,
    };
}
