using LlmOps.Collector.Hosting;

namespace LlmOps.Collector;

internal static class Program
{
    /// <summary>
    /// Starts the collector on the built-in defaults (<see cref="CollectorOptions"/>: OTLP/gRPC :4317, OTLP/HTTP
    /// :4318, management :8080, data under ./data) and runs until SIGTERM or Ctrl+C, then drains and exits.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CollectorOptions();
        CollectorApp app;
        try
        {
            app = CollectorApp.Create(options, args);
        }
        catch (CollectorConfigurationException ex)
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
