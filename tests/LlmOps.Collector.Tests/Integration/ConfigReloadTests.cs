using System.Globalization;
using System.Net.Http.Json;
using LlmOps.Collector.Composition;
using LlmOps.Collector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using ProcessorGuardrails = LlmOps.Processors.Guardrails.GuardrailSettings;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// The real collector started from a config file that it re-reads: a changed file rebuilds the processors with its
/// values, unless guardrail settings were saved through the management API, which win after a reload as at start.
/// </summary>
public sealed class ConfigReloadTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmops-reload-").FullName;
    private RunningCollector? _collector;

    [Fact]
    public async Task Reload_FileValuesApply_UntilSettingsAreSavedThroughTheApi_WhichThenWin()
    {
        var path = Path.Combine(_dir, "collector.yaml");
        await File.WriteAllTextAsync(path, Config(0.6));
        _collector = await RunningCollector.StartFromFileAsync(path);
        var services = _collector.App.Services;
        var guardrails = services.GetRequiredService<ProcessorGuardrails>();
        var reloads = services.GetRequiredService<ConfigReloadService>();
        Assert.Equal(0.6, guardrails.Current.ToxicityThreshold);

        // Nothing saved through the API: the file's new value applies.
        await ReloadAsync(path, Config(0.65), reloads);
        Assert.Equal(0.65, guardrails.Current.ToxicityThreshold);

        // Saved through the API: applied at once.
        using (var put = await _collector.Management.PutAsJsonAsync(new Uri("/api/v1/settings/guardrails", UriKind.Relative), new { toxicityThreshold = 0.42 }).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            put.EnsureSuccessStatusCode();
        }

        Assert.True(await TestCollector.EventuallyAsync(() => guardrails.Current.ToxicityThreshold == 0.42), $"threshold {guardrails.Current.ToxicityThreshold}");

        // A later file change rebuilds the processors, and the saved value stays in force.
        await ReloadAsync(path, Config(0.9), reloads);
        Assert.Equal(0.42, guardrails.Current.ToxicityThreshold);
    }

    public async ValueTask DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static string Config(double toxicityThreshold) => $$$"""
        receivers:
          otlp:
            protocols: {grpc: {endpoint: 127.0.0.1:0}, http: {endpoint: 127.0.0.1:0}}
        processors:
          guardrails:
            toxicity_threshold: {{{toxicityThreshold.ToString(CultureInfo.InvariantCulture)}}}
          cost:
        exporters: {storage: {driver: sqlite}, annotation: }
        service:
          management: {endpoint: 127.0.0.1:0}
          reload_interval: 100ms
          pipelines:
            traces: {receivers: [otlp], processors: [guardrails, cost], exporters: [storage, annotation]}
        """;

    /// <summary>Writes the file and waits for the reload it causes (the watcher polls every 100 ms).</summary>
    private static async Task ReloadAsync(string path, string text, ConfigReloadService reloads)
    {
        var before = reloads.Reloads;
        await File.WriteAllTextAsync(path, text);
        Assert.True(await TestCollector.EventuallyAsync(() => reloads.Reloads > before, TimeSpan.FromSeconds(15)), "the changed file was not reloaded");
        Assert.Equal(before + 1, reloads.Reloads);
    }
}
