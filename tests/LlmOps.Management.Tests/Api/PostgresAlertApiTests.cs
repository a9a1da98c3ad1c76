using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresAlertApiTests : AlertApiTests, IClassFixture<PostgresFixture>
{
    public PostgresAlertApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
