using LlmOps.Collector.Configuration;
using Xunit;

namespace LlmOps.Collector.Tests.Composition;

/// <summary>The config watcher's change test starts from what start-up loaded, not from the file when watching begins.</summary>
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
        File.SetLastWriteTimeUtc(path, snapshot.LastWriteUtc.AddSeconds(1));
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

        File.SetLastWriteTimeUtc(path, snapshot.LastWriteUtc.AddSeconds(1));
        Assert.False(await watch.ChangedAsync(CancellationToken.None));

        File.Delete(path);
        Assert.False(await watch.ChangedAsync(CancellationToken.None));

        await File.WriteAllTextAsync(path, Config + "# changed\n");
        File.SetLastWriteTimeUtc(path, snapshot.LastWriteUtc.AddSeconds(2));
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
