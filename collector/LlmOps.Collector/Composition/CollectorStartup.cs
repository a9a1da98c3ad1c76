using LlmOps.Collector.Configuration;
using LlmOps.Processors.Configuration;

namespace LlmOps.Collector.Composition;

/// <summary>
/// The validated start-up configuration and where it came from: the file, with the text that was loaded, so that the config watcher compares later versions with exactly what the collector started from.
/// </summary>
internal sealed record CollectorStartup(CollectorConfig Config, ConfigFileSnapshot? ConfigFile, ComponentRegistry Registry);
