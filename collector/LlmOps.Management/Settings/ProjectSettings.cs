namespace LlmOps.Management.Settings;

/// <summary>Section <c>project</c>. API keys are rotated through their own endpoint and never appear here.</summary>
internal sealed class ProjectSettings
{
    public string Name { get; set; } = "Smart Factory AI";

    public string Environment { get; set; } = "production";

    public string? WebhookUrl { get; set; }

    /// <summary>Telemetry simulator: probability per interval of a latency/cost spike (0..1).</summary>
    public double SimulatorSpikeFrequency { get; set; } = 0.05;

    /// <summary>Telemetry simulator: relative noise on generated values (0..1).</summary>
    public double SimulatorNoiseLevel { get; set; } = 0.1;
}
