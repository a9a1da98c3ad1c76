using Xunit;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>
/// A fact that needs external tools: skipped with the reason when one is missing on a developer machine, run (and so
/// failing clearly) when CI=true.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalTools.Find(t) is null).ToList();
        if (missing.Count > 0 && !ExternalTools.IsCi)
        {
            Skip = $"needs {string.Join(", ", missing)} (apt-get install -y prometheus prometheus-alertmanager); required when CI=true";
        }
    }
}
