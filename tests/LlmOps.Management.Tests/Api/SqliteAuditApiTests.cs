using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteAuditApiTests : AuditApiTests, IClassFixture<SqliteFixture>
{
    public SqliteAuditApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
