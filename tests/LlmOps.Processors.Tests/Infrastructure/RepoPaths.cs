namespace LlmOps.Processors.Tests.Infrastructure;

internal static class RepoPaths
{
    /// <summary>Set to 1 to rewrite generated files (rule file, dashboards) instead of comparing them.</summary>
    public static bool Regenerate => Environment.GetEnvironmentVariable("LLMOPS_REGENERATE") == "1";

    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmOps.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root (LlmOps.sln) not found");
        }
    }

    public static string Grafana => Path.Combine(Root, "grafana");
}
