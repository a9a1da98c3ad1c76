using LlmOps.Processors.Configuration;

namespace LlmOps.Collector.Composition;

/// <summary>The validated start-up configuration and where it came from.</summary>
internal sealed record CollectorStartup(CollectorConfig Config, string? ConfigPath, ComponentRegistry Registry);
