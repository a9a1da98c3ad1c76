using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteApiSecurityTests : ApiSecurityTests, IClassFixture<SqliteFixture>
{
    public SqliteApiSecurityTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
