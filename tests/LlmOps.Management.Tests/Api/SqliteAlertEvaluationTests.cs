using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteAlertEvaluationTests : AlertEvaluationTests, IClassFixture<SqliteFixture>
{
    public SqliteAlertEvaluationTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
