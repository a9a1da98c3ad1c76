namespace LlmOps.Management.Tests.Infrastructure;

public sealed class PostgresFixture : AppFixture
{
    internal override ManagementDatabaseProvider Provider => ManagementDatabaseProvider.Postgres;
}
