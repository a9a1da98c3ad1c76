namespace LlmOps.Collector.Configuration;

/// <summary>A config file as start-up loaded it: its full path and its text.</summary>
internal sealed record ConfigFileSnapshot(string Path, string Text);
