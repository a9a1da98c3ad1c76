using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteReplicaTests : ReplicaTests, IClassFixture<SqliteFixture>
{
    public SqliteReplicaTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
