using LlmOps.Collector.Api;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Ingest;
using LlmOps.Processors;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Pipeline;
using LlmOps.Storage;
using LlmOps.Ui.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Composition;

/// <summary>Turns a validated config into the collector's services (store, processors, exporters, runner) and endpoints.</summary>
internal static class CollectorComposition
{
    public static void ConfigureServices(IServiceCollection services, CollectorStartup startup, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(startup);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(startup);
        services.AddSingleton(startup.Config);
        services.AddBuiltInProcessors();

        var storage = startup.Config.Find<StorageOptions>(ComponentKind.Exporter, StorageExporterFactory.TypeName);
        if (storage is not null)
        {
            if (storage.Driver == StorageOptions.SqliteDriver && IsDefaultPath(storage.Path))
            {
                // The data directory may be moved on the command line; the embedded store follows it.
                storage.Path = Path.Combine(options.DataDirectory, "llmops.db");
            }

            services.AddSingleton(storage);
            services.AddSingleton(sp => TelemetryStoreFactory.Create(storage, sp.GetRequiredService<TimeProvider>()));
            services.AddHostedService<StoreInitializer>();
            services.AddSingleton<IReadinessCheck, StoreReadinessCheck>();
            services.TryAddSingleton<ITraceContextSource, StoreTraceContextSource>();
        }

        services.TryAddSingleton<IEvaluationResultWriter, IngestResultWriter>();
        services.TryAddSingleton<IFlaggedSpanSink, InMemoryFlaggedSpanSink>();
        services.AddSingleton(sp => new ExporterSet(startup.Config, sp));
        services.AddSingleton(sp => new ConfiguredPipelineRunner(
            PipelineGraph.Build(startup.Config, sp.GetRequiredService<ExporterSet>().ById, sp, sp.GetRequiredService<ILoggerFactory>().CreateLogger<PipelineGraph>()),
            sp.GetRequiredService<CollectorMetrics>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConfiguredPipelineRunner>>()));
        services.AddSingleton<IPipelineRunner>(sp => sp.GetRequiredService<ConfiguredPipelineRunner>());
        services.AddSingleton<ConfigReloadService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ConfigReloadService>());
        services.AddLlmOpsConsole();
    }

    public static void MapEndpoints(WebApplication app, CollectorStartup startup)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(startup);
        if (startup.Config.Find<StorageOptions>(ComponentKind.Exporter, StorageExporterFactory.TypeName) is not null)
        {
            app.MapQueryApi();
        }

        app.MapLlmOpsConsole();
    }

    private static bool IsDefaultPath(string path) =>
        string.Equals(Path.GetFullPath(path), Path.GetFullPath(new StorageOptions().Path), StringComparison.Ordinal);
}
