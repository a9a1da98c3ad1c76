using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Management.Audit;
using LlmOps.Management.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresAuditApiTests : AuditApiTests, IClassFixture<PostgresFixture>
{
    public PostgresAuditApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>
    /// A role that may create tables but not extensions (no CREATE on the database): pg_trgm cannot be created, the
    /// search falls back to the scan with the same results, and this is logged once.
    /// </summary>
    [BackendFact]
    public async Task SearchIndex_NoRightToCreateTheExtension_ScansWithSameResultsAndLogsOnce()
    {
        var admin = await Backend.CreateAsync(ManagementDatabaseProvider.Postgres, "noext");
        var database = new NpgsqlConnectionStringBuilder(admin).Database!;
        var role = "llmops_noext_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await using var command = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN; GRANT CONNECT ON DATABASE \"{database}\" TO {role}; REVOKE CREATE ON DATABASE \"{database}\" FROM PUBLIC; GRANT USAGE, CREATE ON SCHEMA public TO {role};",
                connection);
            await command.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var limited = new NpgsqlConnectionStringBuilder(admin) { Username = role }.ToString();
        var logs = new RecordingLoggerProvider();
        await using var app = await ManagementApp.StartAsync(
            Backend.Options(ManagementDatabaseProvider.Postgres, limited),
            services => services.AddSingleton<ILoggerProvider>(logs));
        Assert.False(app.Services.GetRequiredService<AuditSearchIndex>().PostgresTrigram);
        Assert.Single(logs.Warnings, w => w.Contains("Audit full-text search has no index", StringComparison.Ordinal) && w.Contains("42501", StringComparison.Ordinal));
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'"));

        await AppendAsync(app, SearchCorpus);
        foreach (var term in new[] { "hydraulic", "ALI", "50%", "x", "no-such-thing" })
        {
            Assert.Equal(await ExpectedAsync(app, term), await SearchIdsAsync(app, term));
        }

        Assert.Equal(2, (await SearchIdsAsync(app, "HYDRAULIC")).Count);
        Assert.True((await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify").WaitAsync(TimeSpan.FromSeconds(30))).GetProperty("valid").GetBoolean());
    }
}
