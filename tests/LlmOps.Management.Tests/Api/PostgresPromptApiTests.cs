using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresPromptApiTests : PromptApiTests, IClassFixture<PostgresFixture>
{
    public PostgresPromptApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
