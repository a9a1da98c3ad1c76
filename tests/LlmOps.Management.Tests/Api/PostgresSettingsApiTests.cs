using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresSettingsApiTests : SettingsApiTests, IClassFixture<PostgresFixture>
{
    public PostgresSettingsApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
