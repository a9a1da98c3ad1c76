namespace LlmOps.Management.Tests.Infrastructure;

public sealed class SqliteFixture : AppFixture
{
    internal override ManagementDatabaseProvider Provider => ManagementDatabaseProvider.Sqlite;
}
