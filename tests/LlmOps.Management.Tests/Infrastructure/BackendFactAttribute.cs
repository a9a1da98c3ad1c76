using Xunit;
using Xunit.Sdk;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>A fact that is reported as skipped (not failed) when it throws <see cref="BackendUnavailableException"/>.</summary>
[XunitTestCaseDiscoverer("LlmOps.Management.Tests.Infrastructure.BackendFactDiscoverer", "LlmOps.Management.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BackendFactAttribute : FactAttribute
{
}
