using LlmOps.Collector.Composition;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Hosting;

namespace LlmOps.Collector.Tests.Support;

/// <summary>
/// The whole collector as the command line builds it (YAML config, store, processors, exporters, management API),
/// on loopback ports chosen by the OS and a temporary data directory.
/// </summary>
internal sealed class RunningCollector : IAsyncDisposable
{
    private RunningCollector(CollectorApp app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        Management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.ManagementPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public CollectorApp App { get; }

    public string DataDirectory { get; }

    public HttpClient Management { get; }

    public Uri GrpcEndpoint => new($"http://127.0.0.1:{App.GrpcPort}");

    public Uri HttpEndpoint => new($"http://127.0.0.1:{App.HttpPort}");

    public static Task<RunningCollector> StartAsync(string? yaml = null, Func<string, string?>? environment = null) =>
        StartAsync([], yaml ?? CollectorConfigFile.BuiltIn(), environment);

    /// <summary>Started with <c>--config <paramref name="configPath"/></c>, as the command line does: the file is watched for reloads.</summary>
    public static Task<RunningCollector> StartFromFileAsync(string configPath) => StartAsync(["--config", configPath], null, null);

    private static async Task<RunningCollector> StartAsync(string[] args, string? yaml, Func<string, string?>? environment)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "llmops-e2e", Guid.NewGuid().ToString("N"));
        var result = CollectorBootstrap.Create(
            args,
            yaml,
            options =>
            {
                options.GrpcEndpoint = "127.0.0.1:0";
                options.HttpEndpoint = "127.0.0.1:0";
                options.ManagementEndpoint = "127.0.0.1:0";
                options.DataDirectory = dataDirectory;
            },
            environment ?? (_ => null));
        if (result.App is null)
        {
            throw new InvalidOperationException("collector config invalid: " + string.Join("; ", result.Errors));
        }

        await result.App.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new RunningCollector(result.App, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Management.Dispose();
        await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
