using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresReplicaTests : ReplicaTests, IClassFixture<PostgresFixture>
{
    public PostgresReplicaTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
