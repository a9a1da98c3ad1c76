using LlmOps.Storage.Postgres;
using LlmOps.Storage.Tests.Support;

namespace LlmOps.Storage.Tests.Conformance;

public sealed class PostgresTelemetryStoreTests : TelemetryStoreConformanceTests, IRequiresPostgres
{
    private readonly List<string> _databases = [];

    private protected override Task<ITelemetryStore> CreateStoreAsync(StorageOptions options) => CreateStoreAsync(options, TimeProvider.System);

    private protected override async Task<ITelemetryStore> CreateStoreAsync(StorageOptions options, TimeProvider time)
    {
        var cs = await PostgresServer.CreateDatabaseAsync().WaitAsync(Timeout);
        _databases.Add(cs);
        options.Driver = StorageOptions.PostgresDriver;
        options.ConnectionString = cs;
        return new PostgresTelemetryStore(options, time);
    }

    protected override async Task CleanupAsync()
    {
        foreach (var cs in _databases)
        {
            await PostgresServer.DropDatabaseAsync(cs).WaitAsync(Timeout);
        }
    }
}
