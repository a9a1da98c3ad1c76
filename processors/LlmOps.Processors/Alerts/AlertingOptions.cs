namespace LlmOps.Processors.Alerts;

/// <summary>Alert evaluation and delivery (config section <c>alerting</c>).</summary>
internal sealed class AlertingOptions
{
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Re-send a firing alert this often while it is neither acknowledged nor muted.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A firing alert's <c>endsAt</c> is this far ahead of each send, so Alertmanager resolves it by itself when
    /// LlmOps stops re-sending (after an acknowledgement or mute). Default: three resend intervals.
    /// </summary>
    public TimeSpan? AlertValidity { get; set; }

    /// <summary>Alertmanager base address (e.g. <c>http://127.0.0.1:9093</c>); empty disables it.</summary>
    public string AlertmanagerUrl { get; set; } = string.Empty;

    /// <summary>Generic webhook receivers.</summary>
    public List<string> WebhookUrls { get; set; } = [];

    /// <summary>Where an alert links back to (generatorURL): <c>{external_url}/alerts/{rule_id}</c>.</summary>
    public string ExternalUrl { get; set; } = "http://localhost:8080";

    public RetryOptions Retry { get; set; } = new();

    /// <summary>How long one delivery attempt may wait for a receiver's answer before it is abandoned (and retried).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>History entries kept in memory (oldest dropped first).</summary>
    public int MaxHistory { get; set; } = 1000;

    /// <summary>The rules; empty means <see cref="AlertDefaults.Rules"/>.</summary>
    public List<AlertRule> Rules { get; set; } = [];

    public TimeSpan EffectiveValidity => AlertValidity ?? ResendInterval * 3;

    /// <summary>
    /// How long after an alert resolves a resolved notification that failed is still re-sent (every resend interval):
    /// 15 minutes, as Prometheus does, or the alert validity if longer.
    /// </summary>
    public TimeSpan ResolvedRetention => EffectiveValidity > TimeSpan.FromMinutes(15) ? EffectiveValidity : TimeSpan.FromMinutes(15);
}
