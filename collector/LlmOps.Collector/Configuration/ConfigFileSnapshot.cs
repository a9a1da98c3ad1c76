namespace LlmOps.Collector.Configuration;

/// <summary>A config file as it was loaded: its full path, its text, and its modification time read before the text.</summary>
internal sealed record ConfigFileSnapshot(string Path, string Text, DateTime LastWriteUtc);
