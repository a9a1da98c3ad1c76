using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class SqliteAnnotationQueueApiTests : AnnotationQueueApiTests, IClassFixture<SqliteFixture>
{
    public SqliteAnnotationQueueApiTests(SqliteFixture fixture)
        : base(fixture)
    {
    }
}
