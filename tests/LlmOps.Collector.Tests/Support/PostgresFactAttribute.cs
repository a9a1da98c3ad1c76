using Xunit;

namespace LlmOps.Collector.Tests.Support;

/// <summary>
/// A test that needs a real PostgreSQL named by <c>LLMOPS_TEST_POSTGRES</c>: skipped with the reason where it is not
/// set, except in CI (<c>CI=true</c>), where a missing server must fail rather than pass unseen.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "LLMOPS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable))
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"PostgreSQL not configured: set {EnvironmentVariable} to an admin connection string (./test.sh starts one)";
        }
    }
}
