using Xunit;
using Xunit.Sdk;

namespace LlmOps.Storage.Tests.Support;

/// <summary>
/// A fact of the store conformance suite. In a class implementing <see cref="IRequiresPostgres"/> it is skipped,
/// with the reason, when no PostgreSQL can be found and <c>CI</c> is not <c>true</c>; in CI it runs and fails clearly.
/// </summary>
[XunitTestCaseDiscoverer("LlmOps.Storage.Tests.Support.StoreFactDiscoverer", "LlmOps.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute
{
}
