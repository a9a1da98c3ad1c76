namespace LlmOps.Processors.Tests.Evaluation;

/// <summary>
/// Locates the public labelled data folder (<c>shared/data</c>, a sibling of the repository root) by walking up
/// from the test's base directory. The data is never copied into the repository.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string? Directory => Root.Value;

    public static bool IsAvailable => Root.Value is not null;

    public static string PathOf(string relative)
    {
        var root = Root.Value ?? throw new InvalidOperationException("shared/data not found");
        return Path.Combine(root, relative);
    }

    private static string? FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            // The repository root is the folder holding LlmOps.sln; its sibling "shared/data" holds the data.
            if (File.Exists(Path.Combine(dir.FullName, "LlmOps.sln")) && dir.Parent is not null)
            {
                var candidate = Path.Combine(dir.Parent.FullName, "shared", "data");
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }

            dir = dir.Parent;
        }

        return null;
    }
}
