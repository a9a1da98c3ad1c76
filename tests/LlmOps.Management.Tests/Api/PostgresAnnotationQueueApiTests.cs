using LlmOps.Management.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Management.Tests.Api;

public sealed class PostgresAnnotationQueueApiTests : AnnotationQueueApiTests, IClassFixture<PostgresFixture>
{
    public PostgresAnnotationQueueApiTests(PostgresFixture fixture)
        : base(fixture)
    {
    }
}
