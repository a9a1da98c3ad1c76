using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresApiSecurityTests : ApiSecurityTests, IClassFixture<PostgresFixture>
{
    public PostgresApiSecurityTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
