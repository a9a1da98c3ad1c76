using System.Text.Json;

namespace LlmOps.Management.Settings;

/// <summary>Persisted settings sections plus a global version counter (bumped by every update) for replicas to poll.</summary>
internal interface ISettingsRepository
{
    Task<IReadOnlyList<SettingsSnapshot>> GetAllAsync(CancellationToken cancellationToken);

    Task<SettingsSnapshot> GetAsync(string section, CancellationToken cancellationToken);

    /// <summary>Merges <paramref name="patch"/> (fields not given keep their values), validates, stores, audits and notifies.</summary>
    Task<SettingsSnapshot> UpdateAsync(string section, JsonElement patch, string actor, CancellationToken cancellationToken);

    Task<long> CurrentVersionAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<SettingsSnapshot>> ChangedSinceAsync(long version, CancellationToken cancellationToken);
}
