using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteSettingsApiTests : SettingsApiTests, IClassFixture<SqliteFixture>
{
    public SqliteSettingsApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
