using System.Reflection;
using LlmOps.Sdk.OpenTelemetry;

namespace LlmOps.Sdk.Tests.PublicApi;

/// <summary>
/// The public API of each package is tracked in its checked-in PublicAPI.txt. A change to the surface fails here until
/// the file is updated on purpose: run with <c>LLMOPS_UPDATE_PUBLIC_API=1</c> to rewrite it, then review the diff.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string, string> Packages() => new()
    {
        { "sdk/LlmOps.Sdk/PublicAPI.txt", typeof(LlmOpsChatClient).Assembly.GetName().Name! },
        { "sdk/LlmOps.Sdk.OpenTelemetry/PublicAPI.txt", typeof(LlmOpsTelemetry).Assembly.GetName().Name! },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void PublicApi_Assembly_MatchesCheckedInFile(string relativePath, string assemblyName)
    {
        var actual = PublicApiFormatter.Format(Assembly.Load(assemblyName));
        var path = Path.Combine(RepositoryRoot(), relativePath);
        if (Environment.GetEnvironmentVariable("LLMOPS_UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"Missing {relativePath}; run the tests with LLMOPS_UPDATE_PUBLIC_API=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void PublicApi_Sdk_ExposesOnlyLlmOpsNamespaces()
    {
        var namespaces = typeof(LlmOpsChatClient).Assembly.GetExportedTypes().Select(t => t.Namespace).Distinct().Order().ToList();

        Assert.Equal(["LlmOps.Sdk", "LlmOps.Sdk.Context", "LlmOps.Sdk.Feedback", "LlmOps.Sdk.Prompts", "LlmOps.Sdk.Redaction"], namespaces);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
