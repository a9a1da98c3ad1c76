using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresDatasetApiTests : DatasetApiTests, IClassFixture<PostgresFixture>
{
    public PostgresDatasetApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
