using LlmOps.Storage.Sqlite;

namespace LlmOps.Storage.Tests.Conformance;

public sealed class SqliteTelemetryStoreTests : TelemetryStoreConformanceTests
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("llmops-sqlite-");

    private protected override Task<ITelemetryStore> CreateStoreAsync(StorageOptions options) => CreateStoreAsync(options, TimeProvider.System);

    private protected override Task<ITelemetryStore> CreateStoreAsync(StorageOptions options, TimeProvider time)
    {
        options.Path = Path.Combine(_dir.FullName, Guid.NewGuid().ToString("N") + ".db");
        return Task.FromResult<ITelemetryStore>(new SqliteTelemetryStore(options, time));
    }

    protected override Task CleanupAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
