namespace LlmOps.Processors.Configuration;

/// <summary>The <c>service</c> section apart from its pipelines.</summary>
internal sealed class ServiceOptions
{
    public ManagementOptions Management { get; set; } = new();

    public QueueOptions Queue { get; set; } = new();

    /// <summary>How often the config file is checked for processor setting changes; 0 turns reloading off.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);
}
