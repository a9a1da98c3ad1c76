using LlmOps.Collector.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmOps.Collector;

internal static class Program
{
    /// <summary>
    /// Starts the collector on the built-in defaults (<see cref="CollectorOptions"/>: OTLP/gRPC :4317, OTLP/HTTP
    /// :4318, management :8080, data under ./data) and runs until SIGTERM or Ctrl+C, then drains and exits. Single
    /// settings can be overridden with <c>--Collector:GrpcEndpoint=127.0.0.1:5317</c> or the environment variable
    /// <c>LLMOPS_Collector__GrpcEndpoint</c>.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CollectorOptions();
        var overrides = new ConfigurationBuilder().AddEnvironmentVariables("LLMOPS_").AddCommandLine(args).Build();
        CollectorApp app;
        try
        {
            overrides.GetSection("Collector").Bind(options);
            app = CollectorApp.Create(options, args);
        }
        catch (Exception ex) when (ex is CollectorConfigurationException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
