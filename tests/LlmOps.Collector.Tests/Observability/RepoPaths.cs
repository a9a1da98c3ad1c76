namespace LlmOps.Collector.Tests.Observability;

internal static class RepoPaths
{
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
