using LlmOps.Storage.Postgres;
using LlmOps.Storage.Tests.Support;
using Npgsql;
using Xunit;

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

    [StoreFact]
    public async Task Migrations_LargeTextColumns_UseLz4WhereTheServerHasIt()
    {
        await using var c = new NpgsqlConnection(_databases[0]);
        await c.OpenAsync().WaitAsync(Timeout);
        await using var has = new NpgsqlCommand("SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)", c);
        var lz4 = (long)(await has.ExecuteScalarAsync().WaitAsync(Timeout))! > 0;
        await using var cmd = new NpgsqlCommand(
            "SELECT attrelid::regclass::text || '.' || attname, attcompression::text FROM pg_attribute "
            + "WHERE attrelid IN ('spans'::regclass, 'traces'::regclass) AND attname IN ('attributes', 'events', 'input_text', 'output_text', 'retrieval_documents') ORDER BY 1",
            c);
        var columns = new List<(string Column, string Compression)>();
        await using (var r = await cmd.ExecuteReaderAsync().WaitAsync(Timeout))
        {
            while (await r.ReadAsync())
            {
                columns.Add((r.GetString(0), r.GetString(1)));
            }
        }

        Assert.Equal(
            ["spans.attributes", "spans.events", "spans.input_text", "spans.output_text", "spans.retrieval_documents", "traces.input_text", "traces.output_text"],
            columns.Select(x => x.Column));

        // 'l' is lz4; without it the columns keep the server's default (an empty setting).
        Assert.All(columns, x => Assert.Equal(lz4 ? "l" : string.Empty, x.Compression));
    }

    protected override async Task CleanupAsync()
    {
        foreach (var cs in _databases)
        {
            await PostgresServer.DropDatabaseAsync(cs).WaitAsync(Timeout);
        }
    }
}
