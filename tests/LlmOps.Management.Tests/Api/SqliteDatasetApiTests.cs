using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteDatasetApiTests : DatasetApiTests, IClassFixture<SqliteFixture>
{
    public SqliteDatasetApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
