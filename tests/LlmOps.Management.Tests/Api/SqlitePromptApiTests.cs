using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqlitePromptApiTests : PromptApiTests, IClassFixture<SqliteFixture>
{
    public SqlitePromptApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
