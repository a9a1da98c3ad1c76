using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteAlertApiTests : AlertApiTests, IClassFixture<SqliteFixture>
{
    public SqliteAlertApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
