namespace LlmOps.Storage.Tests.Support;

internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
