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
    };
}
