using LlmOps.Processors.Configuration;

namespace LlmOps.Management;

internal sealed class ManagementStoreOptionsValidator : IOptionsValidator<ManagementStoreOptions>
{
    public void Validate(ManagementStoreOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.Provider == ManagementDatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add("sqlite_path", "must be set for the SQLite provider");
        }

        if (options.Provider == ManagementDatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            errors.Add("postgres_connection_string", "must be set for the PostgreSQL provider");
        }

        new ManagementOptionsValidator().Validate(options.Access, errors);

        if (options.SettingsPollInterval <= TimeSpan.Zero)
        {
            errors.Add("settings_poll_interval", "must be positive");
        }

        if (options.RunPollInterval <= TimeSpan.Zero)
        {
            errors.Add("run_poll_interval", "must be positive");
        }

        if (options.DefaultLease < TimeSpan.FromSeconds(1))
        {
            errors.Add("default_lease", "must be at least one second");
        }

        if (string.IsNullOrWhiteSpace(options.InstanceId))
        {
            errors.Add("instance_id", "must not be empty");
        }
    }
}
