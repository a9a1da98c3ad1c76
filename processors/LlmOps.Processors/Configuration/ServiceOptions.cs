namespace LlmOps.Processors.Configuration;

/// <summary>The <c>service</c> section apart from its pipelines.</summary>
internal sealed class ServiceOptions
{
    public ManagementOptions Management { get; set; } = new();

    public QueueOptions Queue { get; set; } = new();

    /// <summary>Alert rules, their evaluation and delivery (Alertmanager API v2, webhooks).</summary>
    public Alerts.AlertingOptions Alerting { get; set; } = new();

    /// <summary>Drift detection windows and thresholds.</summary>
    public Drift.DriftOptions Drift { get; set; } = new();

    /// <summary>How often drift is evaluated (0 turns drift detection off).</summary>
    public TimeSpan DriftInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the config file is checked for processor setting changes; 0 turns reloading off.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);
}
