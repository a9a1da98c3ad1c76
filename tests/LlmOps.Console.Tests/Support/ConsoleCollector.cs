using LlmOps.Collector.Composition;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Console.Tests.Support;

/// <summary>
/// The real collector from its built-in configuration (store, processors, evaluation, annotation exporter, management
/// API, console) on 127.0.0.1:0 with a temporary SQLite file.
/// </summary>
internal sealed class ConsoleCollector : IAsyncDisposable
{
    private readonly CollectorApp _app;

    private ConsoleCollector(CollectorApp app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{_app.ManagementPort}");

    public Uri OtlpGrpc => new($"http://127.0.0.1:{_app.GrpcPort}");

    public Uri OtlpHttp => new($"http://127.0.0.1:{_app.HttpPort}");

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the collector on the built-in configuration, or on <paramref name="yaml"/> (a whole config file).</summary>
    public static async Task<ConsoleCollector> StartAsync(string? dataDirectory = null, string? yaml = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "llmops-console-tests", Guid.NewGuid().ToString("N"));
        string? configPath = null;
        if (yaml is not null)
        {
            Directory.CreateDirectory(dataDirectory);
            configPath = Path.Combine(dataDirectory, "collector.yaml");
            await File.WriteAllTextAsync(configPath, yaml);
        }

        var registry = CollectorComponents.Registry();
        var loaded = CollectorConfigFile.Load(configPath, registry, _ => null);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var options = new CollectorOptions();
        CollectorConfigFile.Apply(loaded.Config!, options);
        options.GrpcEndpoint = "127.0.0.1:0";
        options.HttpEndpoint = "127.0.0.1:0";
        options.ManagementEndpoint = "127.0.0.1:0";
        options.DataDirectory = dataDirectory;
        options.ShutdownTimeout = TimeSpan.FromSeconds(10);
        var startup = new CollectorStartup(loaded.Config!, null, registry);
        var app = CollectorApp.Create(
            options,
            [],
            services =>
            {
                services.AddLogging(b => b.ClearProviders());
                CollectorComposition.ConfigureServices(services, startup, options);
            },
            web => CollectorComposition.MapEndpoints(web, startup));
        try
        {
            await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ConsoleCollector(app, options.DataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}
