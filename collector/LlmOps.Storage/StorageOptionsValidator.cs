namespace LlmOps.Storage;

/// <summary>Checks <see cref="StorageOptions"/> and reports every problem at once, each with its config key.</summary>
internal static class StorageOptionsValidator
{
    public static IReadOnlyList<string> Validate(StorageOptions options, string keyPrefix = "storage")
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var driver = options.Driver?.Trim().ToLowerInvariant();
        if (driver is not (StorageOptions.SqliteDriver or StorageOptions.PostgresDriver))
        {
            errors.Add($"{keyPrefix}.driver: must be '{StorageOptions.SqliteDriver}' or '{StorageOptions.PostgresDriver}' (got '{options.Driver}')");
        }

        if (driver == StorageOptions.SqliteDriver)
        {
            if (string.IsNullOrWhiteSpace(options.Path))
            {
                errors.Add($"{keyPrefix}.path: must name the SQLite database file");
            }
            else if (options.Path.AsSpan().IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            {
                errors.Add($"{keyPrefix}.path: contains characters that are not valid in a path");
            }
        }

        if (driver == StorageOptions.PostgresDriver)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                errors.Add($"{keyPrefix}.connection_string: required when driver is '{StorageOptions.PostgresDriver}'");
            }
            else
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException ex)
                {
                    // The message names the bad keyword; it never echoes the password.
                    errors.Add($"{keyPrefix}.connection_string: not a valid connection string ({ex.Message})");
                }
            }
        }

        var sync = options.Synchronous?.Trim().ToLowerInvariant();
        if (sync is not ("full" or "normal"))
        {
            errors.Add($"{keyPrefix}.synchronous: must be 'full' or 'normal' (got '{options.Synchronous}')");
        }

        if (options.Retention is { } retention && retention < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{keyPrefix}.retention: must be at least 1 minute when set (got {retention})");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{keyPrefix}.busy_timeout: must be between 0 and 10 minutes (got {options.BusyTimeout})");
        }

        if (options.WalLimitMb is < 1 or > 65536)
        {
            errors.Add($"{keyPrefix}.wal_limit_mb: must be between 1 and 65536 (got {options.WalLimitMb})");
        }

        if (options.Writers is < 1 or > 16)
        {
            errors.Add($"{keyPrefix}.writers: must be between 1 and 16 (got {options.Writers})");
        }

        return errors;
    }
}
