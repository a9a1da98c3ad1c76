using LlmOps.Storage.Postgres;
using LlmOps.Storage.Sqlite;

namespace LlmOps.Storage;

/// <summary>Creates the store the options name. Validate the options first; this throws on invalid ones.</summary>
internal static class TelemetryStoreFactory
{
    public static ITelemetryStore Create(StorageOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var errors = StorageOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid storage options: " + string.Join("; ", errors), nameof(options));
        }

        return options.Driver.Trim().ToLowerInvariant() == StorageOptions.PostgresDriver
            ? new PostgresTelemetryStore(options, time)
            : new SqliteTelemetryStore(options, time);
    }
}
