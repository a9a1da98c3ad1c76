using LlmOps.Collector.Composition;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Hosting;
using LlmOps.Storage.Sqlite;

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

        // Before any SQLite connection opens (the management database and the store open theirs during start-up).
        SqliteProcessSettings.DisableMemoryStatistics();
        if (args.Contains("--validate", StringComparer.Ordinal))
        {
            return await ValidateAsync(args).ConfigureAwait(false);
        }

        CollectorBootstrap.Result result;
        try
        {
            result = CollectorBootstrap.Create(args);
        }
        catch (Exception ex) when (ex is CollectorConfigurationException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (result.App is not { } app)
        {
            await ReportAsync(result.Errors).ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> ValidateAsync(string[] args)
    {
        var path = args.SkipWhile(a => a != "--config").Skip(1).FirstOrDefault();
        var loaded = CollectorConfigFile.Load(path, CollectorComponents.Registry());
        var errors = new List<string>(loaded.Errors);
        if (loaded.IsValid)
        {
            var options = new CollectorOptions();
            CollectorConfigFile.Apply(loaded.Config!, options);
            errors.AddRange(CollectorOptionsValidator.Validate(options));
        }

        if (errors.Count > 0)
        {
            await ReportAsync(errors).ConfigureAwait(false);
            return 2;
        }

        await Console.Out.WriteLineAsync("Configuration is valid.").ConfigureAwait(false);
        return 0;
    }

    private static async Task ReportAsync(IReadOnlyList<string> errors)
    {
        await Console.Error.WriteLineAsync($"Invalid configuration: {errors.Count} error(s)").ConfigureAwait(false);
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync("  " + error).ConfigureAwait(false);
        }
    }
}
