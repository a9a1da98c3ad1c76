using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresAlertEvaluationTests : AlertEvaluationTests, IClassFixture<PostgresFixture>
{
    public PostgresAlertEvaluationTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
