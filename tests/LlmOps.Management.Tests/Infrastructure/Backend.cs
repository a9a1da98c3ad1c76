namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>Creates store options pointing at a fresh database of one backend.</summary>
internal static class Backend
{
    private static readonly List<string> SqliteDirectories = [];

    static Backend()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            lock (SqliteDirectories)
            {
                foreach (var dir in SqliteDirectories)
                {
                    try
                    {
                        Directory.Delete(dir, recursive: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Best effort at exit.
                    }
                }
            }
        };
    }

    public static ManagementStoreOptions Options(ManagementDatabaseProvider provider, string? location, Action<ManagementStoreOptions>? configure = null)
    {
        var options = new ManagementStoreOptions
        {
            Provider = provider,
            SqlitePath = provider == ManagementDatabaseProvider.Sqlite ? location! : "./unused.db",
            PostgresConnectionString = provider == ManagementDatabaseProvider.Postgres ? location : null,
            SettingsPollInterval = TimeSpan.FromMilliseconds(200),
            RunPollInterval = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<string> CreateAsync(ManagementDatabaseProvider provider, string name)
    {
        if (provider == ManagementDatabaseProvider.Postgres)
        {
            return await PostgresServer.CreateDatabaseAsync(name).ConfigureAwait(false);
        }

        var dir = Path.Combine(Path.GetTempPath(), $"llmops-mgmt-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        lock (SqliteDirectories)
        {
            SqliteDirectories.Add(dir);
        }

        return Path.Combine(dir, "llmops.db");
    }
}
