using LlmOps.Collector.Configuration;
using LlmOps.Collector.Hosting;
using LlmOps.Processors.Configuration;
using Microsoft.Extensions.Configuration;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Builds a collector exactly as the command line does: the YAML configuration (a file, a text, or the built-in
/// one), then <c>Collector:*</c> overrides from the environment (<c>LLMOPS_Collector__*</c>) and the arguments, then
/// an optional adjustment (tests bind ports 0 and a temp data directory this way).
/// </summary>
internal static class CollectorBootstrap
{
    public sealed record Result(CollectorApp? App, CollectorOptions? Options, IReadOnlyList<string> Errors);

    public static Result Create(string[] args, string? yamlText = null, Action<CollectorOptions>? adjust = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var overrides = new ConfigurationBuilder().AddEnvironmentVariables("LLMOPS_").AddCommandLine(args).Build();
        var configPath = overrides["config"];
        var registry = CollectorComponents.Registry();
        ConfigFileSnapshot? configFile = null;
        var loaded = yamlText is not null
            ? ConfigLoader.Load(yamlText, registry, environment)
            : CollectorConfigFile.Load(string.IsNullOrEmpty(configPath) ? null : configPath, registry, environment, out configFile);
        if (!loaded.IsValid)
        {
            return new Result(null, null, loaded.Errors);
        }

        var options = new CollectorOptions();
        CollectorConfigFile.Apply(loaded.Config!, options);
        overrides.GetSection("Collector").Bind(options);
        adjust?.Invoke(options);
        var hostErrors = CollectorOptionsValidator.Validate(options);
        if (hostErrors.Count > 0)
        {
            return new Result(null, options, hostErrors);
        }

        var startup = new CollectorStartup(loaded.Config!, configFile, registry);
        var app = CollectorApp.Create(
            options,
            [.. args.Where(a => a != "--validate")],
            services => CollectorComposition.ConfigureServices(services, startup, options),
            web => CollectorComposition.MapEndpoints(web, startup));
        return new Result(app, options, []);
    }
}
