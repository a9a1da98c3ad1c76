using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresAuditApiTests : AuditApiTests, IClassFixture<PostgresFixture>
{
    public PostgresAuditApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
