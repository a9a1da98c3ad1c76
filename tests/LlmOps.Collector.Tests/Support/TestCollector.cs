using LlmOps.Collector.Hosting;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Tests.Support;

/// <summary>Starts the real collector in-process on 127.0.0.1:0 for all three ports, with test exporters.</summary>
internal static class TestCollector
{
    public static async Task<CollectorApp> StartAsync(RecordingExporter exporter, Action<CollectorOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var options = new CollectorOptions
        {
            GrpcEndpoint = "127.0.0.1:0",
            HttpEndpoint = "127.0.0.1:0",
            ManagementEndpoint = "127.0.0.1:0",
            DataDirectory = Path.Combine(Path.GetTempPath(), "llmops-tests", Guid.NewGuid().ToString("N")),
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return await CollectorApp.StartAsync(
            options,
            s =>
            {
                s.AddLogging(b => b.ClearProviders());
                s.AddSingleton<ITelemetryExporter>(exporter);
                services?.Invoke(s);
            }).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
