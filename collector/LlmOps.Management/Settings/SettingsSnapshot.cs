using System.Text.Json;

namespace LlmOps.Management.Settings;

/// <summary>One stored section: its JSON, the settings version that wrote it, when and by whom.</summary>
internal sealed record SettingsSnapshot(string Section, JsonElement Value, long Version, DateTimeOffset? UpdatedAt, string? UpdatedBy);
