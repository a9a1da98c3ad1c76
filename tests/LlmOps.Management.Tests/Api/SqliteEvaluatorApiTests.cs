using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteEvaluatorApiTests : EvaluatorApiTests, IClassFixture<SqliteFixture>
{
    public SqliteEvaluatorApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
