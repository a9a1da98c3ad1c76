namespace LlmOps.Collector.Tests.Observability;

/// <summary>Finds the Debian-packaged Prometheus tools (on PATH or in /usr/bin).</summary>
internal static class ExternalTools
{
    public const string Promtool = "promtool";
    public const string Prometheus = "prometheus";
    public const string Alertmanager = "prometheus-alertmanager";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The tool's path; fails with install instructions when it is missing (tests only get here on CI or when present).</summary>
    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException($"'{name}' is not installed; run: apt-get install -y prometheus prometheus-alertmanager");
}
