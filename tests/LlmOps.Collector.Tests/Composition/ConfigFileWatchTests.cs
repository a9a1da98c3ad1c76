using LlmOps.Collector.Configuration;
using Xunit;

namespace LlmOps.Collector.Tests.Composition;

/// <summary>
/// The config watcher compares the file's text with what start-up loaded, not with the file when watching begins, and
/// follows the links a Kubernetes ConfigMap update swaps.
/// </summary>
public sealed class ConfigFileWatchTests : IDisposable
{
    private const string Config = """
        receivers:
          otlp:
            protocols: {grpc: {endpoint: 127.0.0.1:0}, http: {endpoint: 127.0.0.1:0}}
        processors: {cost: }
        exporters: {annotation: }
        service:
          pipelines:
            traces: {receivers: [otlp], processors: [cost], exporters: [annotation]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("llmops-watch-").FullName;

    [Fact]
    public async Task AWriteBetweenStartUpsLoadAndTheFirstPoll_IsAChange()
    {
        var path = Path.Combine(_dir, "collector.yaml");
        await File.WriteAllTextAsync(path, Config);
        var loaded = CollectorConfigFile.Load(path, CollectorComponents.Registry(), null, out var snapshot);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        Assert.NotNull(snapshot);
        Assert.Equal(Config, snapshot.Text);

        // The file changes after start-up read it and before the watcher's first poll.
        await File.WriteAllTextAsync(path, Config.Replace("{cost: }", "{cost: , guardrails: }", StringComparison.Ordinal));
        var watch = new ConfigFileWatch(snapshot);

        Assert.True(await watch.ChangedAsync(CancellationToken.None));
        Assert.False(await watch.ChangedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ANewTimeWithTheSameText_OrAMissingFile_IsNoChange()
    {
        var path = Path.Combine(_dir, "collector.yaml");
        await File.WriteAllTextAsync(path, Config);
        CollectorConfigFile.Load(path, CollectorComponents.Registry(), null, out var snapshot);
        Assert.NotNull(snapshot);
        var watch = new ConfigFileWatch(snapshot);

        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        Assert.False(await watch.ChangedAsync(CancellationToken.None));

        File.Delete(path);
        Assert.False(await watch.ChangedAsync(CancellationToken.None));

        await File.WriteAllTextAsync(path, Config + "# changed\n");
        Assert.True(await watch.ChangedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AConfigMapStyleUpdate_ASymlinkSwappedToANewDirectory_IsAChange()
    {
        // Kubernetes mounts a ConfigMap as collector.yaml -> ..data/collector.yaml, ..data -> a timestamped directory,
        // and updates it by pointing ..data at a new directory: the path's own link never changes.
        var first = Directory.CreateDirectory(Path.Combine(_dir, "..2026_01"));
        await File.WriteAllTextAsync(Path.Combine(first.FullName, "collector.yaml"), Config);
        File.CreateSymbolicLink(Path.Combine(_dir, "..data"), first.Name);
        var path = Path.Combine(_dir, "collector.yaml");
        File.CreateSymbolicLink(path, Path.Combine("..data", "collector.yaml"));
        CollectorConfigFile.Load(path, CollectorComponents.Registry(), null, out var snapshot);
        Assert.NotNull(snapshot);
        var watch = new ConfigFileWatch(snapshot);

        var second = Directory.CreateDirectory(Path.Combine(_dir, "..2026_02"));
        var changed = Path.Combine(second.FullName, "collector.yaml");
        await File.WriteAllTextAsync(changed, Config + "# changed\n");
        Directory.Delete(Path.Combine(_dir, "..data"));
        File.CreateSymbolicLink(Path.Combine(_dir, "..data"), second.Name);

        Assert.Equal(Config + "# changed\n", await File.ReadAllTextAsync(path));
        Assert.True(await watch.ChangedAsync(CancellationToken.None));
    }

    [Fact]
    public void TheBuiltInConfig_HasNoFileToWatch()
    {
        var loaded = CollectorConfigFile.Load(null, CollectorComponents.Registry(), null, out var snapshot);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        Assert.Null(snapshot);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
