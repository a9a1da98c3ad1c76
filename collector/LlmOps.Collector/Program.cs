using LlmOps.Collector.Composition;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmOps.Collector;

internal static class Program
{
    /// <summary>
    /// Starts the collector. <c>--config &lt;file&gt;</c> names the YAML configuration (OpenTelemetry Collector shape);
    /// without it the built-in configuration is used: OTLP/gRPC :4317, OTLP/HTTP :4318, management :8080, the
    /// embedded SQLite store under ./data. Single host settings can still be overridden with
    /// <c>--Collector:GrpcEndpoint=127.0.0.1:5317</c> or <c>LLMOPS_Collector__GrpcEndpoint</c>.
    /// <c>--validate</c> checks the configuration and exits. Exit codes: 0 stopped cleanly, 2 invalid configuration.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var overrides = new ConfigurationBuilder().AddEnvironmentVariables("LLMOPS_").AddCommandLine(args).Build();
        var configPath = overrides["config"];
        var registry = CollectorComponents.Registry();
        var loaded = CollectorConfigFile.Load(string.IsNullOrEmpty(configPath) ? null : configPath, registry);
        if (!loaded.IsValid)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration ({configPath ?? "built-in"}): {loaded.Errors.Count} error(s)").ConfigureAwait(false);
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync("  " + error).ConfigureAwait(false);
            }

            return 2;
        }

        var options = new CollectorOptions();
        CollectorConfigFile.Apply(loaded.Config!, options);
        CollectorApp app;
        try
        {
            overrides.GetSection("Collector").Bind(options);
            if (args.Contains("--validate", StringComparer.Ordinal))
            {
                var hostErrors = CollectorOptionsValidator.Validate(options);
                foreach (var error in hostErrors)
                {
                    await Console.Error.WriteLineAsync("  " + error).ConfigureAwait(false);
                }

                await Console.Out.WriteLineAsync(hostErrors.Count == 0 ? "Configuration is valid." : "Configuration is invalid.").ConfigureAwait(false);
                return hostErrors.Count == 0 ? 0 : 2;
            }

            var startup = new CollectorStartup(loaded.Config!, string.IsNullOrEmpty(configPath) ? null : Path.GetFullPath(configPath), registry);
            app = CollectorApp.Create(
                options,
                [.. args.Where(a => a != "--validate")],
                services => CollectorComposition.ConfigureServices(services, startup, options),
                web => CollectorComposition.MapEndpoints(web, startup));
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
