using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresEvaluatorApiTests : EvaluatorApiTests, IClassFixture<PostgresFixture>
{
    public PostgresEvaluatorApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
