using System.IO.Compression;
using LlmOps.Sdk.Tests.PublicApi;

namespace LlmOps.Sdk.Tests.Packaging;

/// <summary>
/// Packs both SDK packages into a temporary folder, checks their contents (README, XML docs, symbols), then restores
/// them from that folder into a fresh consumer project, builds it and runs it.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("llmops-pack-");

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort clean-up of the temporary folder.
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Pack_SdkPackages_ConsumerRestoresFromLocalFolderBuildsAndRuns()
    {
        var root = PublicApiTests.RepositoryRoot();
        var feed = Directory.CreateDirectory(Path.Combine(_work.FullName, "feed")).FullName;
        foreach (var project in new[] { "sdk/LlmOps.Sdk/LlmOps.Sdk.csproj", "sdk/LlmOps.Sdk.OpenTelemetry/LlmOps.Sdk.OpenTelemetry.csproj" })
        {
            var (code, output) = await DotnetCli.RunAsync(root, null, StepTimeout, "pack", project, "-c", "Release", "-o", feed, "-nodeReuse:false", "-p:UseSharedCompilation=false");
            Assert.True(code == 0, output);
        }

        using (var package = ZipFile.OpenRead(Path.Combine(feed, "LlmOps.Sdk.0.1.0.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/LlmOps.Sdk.dll", entries);
            Assert.Contains("lib/net10.0/LlmOps.Sdk.xml", entries);
        }

        using (var symbols = ZipFile.OpenRead(Path.Combine(feed, "LlmOps.Sdk.0.1.0.snupkg")))
        {
            Assert.Contains("lib/net10.0/LlmOps.Sdk.pdb", symbols.Entries.Select(e => e.FullName));
        }

        Assert.True(File.Exists(Path.Combine(feed, "LlmOps.Sdk.OpenTelemetry.0.1.0.nupkg")));

        var consumer = Directory.CreateDirectory(Path.Combine(_work.FullName, "consumer")).FullName;
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");

        // Sources: the packed folder, the machine's package cache as a folder feed, plus the user's default sources
        // (not cleared) for anything else. A private packages folder keeps the packed 0.1.0 out of the global cache.
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_work.FullName, "packages")}" />
              </config>
              <packageSources>
                <add key="llmops-local" value="{feed}" />
                <add key="machine-cache" value="{globalPackages}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LlmOps.Sdk" Version="0.1.0" />
                <PackageReference Include="LlmOps.Sdk.OpenTelemetry" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using System.Diagnostics;
            using LlmOps.Sdk;
            using Microsoft.Extensions.AI;

            using var listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == LlmOpsInstrumentation.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => Console.WriteLine("span: " + a.DisplayName),
            };
            ActivitySource.AddActivityListener(listener);
            IChatClient client = new EchoClient().UseLlmOps();
            var response = await client.GetResponseAsync("ping");
            Console.WriteLine("answer: " + response.Text);

            internal sealed class EchoClient : IChatClient
            {
                public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "pong")));

                public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    throw new NotSupportedException();

                public object? GetService(Type serviceType, object? serviceKey = null) =>
                    serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("echo", null, "echo-1") : null;

                public void Dispose()
                {
                }
            }
            """);

        var build = await DotnetCli.RunAsync(consumer, null, StepTimeout, "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(build.ExitCode == 0, build.Output);
        var run = await DotnetCli.RunAsync(consumer, null, StepTimeout, "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("span: chat echo-1", run.Output, StringComparison.Ordinal);
        Assert.Contains("answer: pong", run.Output, StringComparison.Ordinal);
    }
}
