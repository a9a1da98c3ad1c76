using LlmOps.Collector.Api;
using LlmOps.Collector.Composition.Management;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Ingest;
using LlmOps.Management;
using LlmOps.Management.Settings;
using LlmOps.Processors;
using LlmOps.Processors.Alerts;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Drift;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Pipeline;
using LlmOps.Storage;
using LlmOps.Storage.Sqlite;
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
        services.AddLlmOpsMetrics();

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
            services.AddHostedService<RetentionService>();
            services.TryAddSingleton<ITraceContextSource, StoreTraceContextSource>();
            AddManagement(services, startup, storage);
        }
        else
        {
            // No management store: the OTLP key check (when on) knows only the configured keys.
            services.AddSingleton<IApiKeyAuthenticator>(new ConfiguredApiKeys(startup.Config.Service.Management.ApiKeys));
        }


        // Periodic work starts after the store and management schema are ready (hosted services start in order).
        // One delivery attempt's timeout (the engine also bounds each attempt on its clock). No request logging: webhook
        // URLs carry secrets in their path (Slack, Teams), which the default handlers log at Info on every delivery.
        services.AddHttpClient("llmops-alerts", c => c.Timeout = startup.Config.Service.Alerting.DeliveryTimeout).RemoveAllLoggers();
        services.TryAddSingleton<IJobGate, SingleReplicaJobGate>();
        services.AddSingleton(sp => AlertingService.CreateEngine(
            startup.Config.Service.Alerting,
            sp.GetRequiredService<KpiWindow>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<AlertEngine>(),
            sp.GetService<IAuditSink>(),
            sp.GetRequiredService<MetricRegistry>()));
        services.AddHostedService<AlertingService>();
        services.AddSingleton(_ => new DriftSampleBuffer(
            DriftSampleBuffer.SliceFor(startup.Config.Service.Drift.CurrentWindow),
            DriftSampleBuffer.DefaultCapacity,
            DriftSampleBuffer.DefaultPerSlice,
            seed: null));
        services.AddSingleton<IScoreObserver, DriftScoreObserver>();
        services.AddSingleton(startup.Config.Service.Drift); // the dashboard's drift report uses the same windows
        services.AddSingleton(sp => new DriftEngine(startup.Config.Service.Drift, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MetricRegistry>()));
        services.AddHostedService<DriftService>();
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

    /// <summary>
    /// The management API on the same database as the telemetry store, and its bridges to the pipeline: flagged spans
    /// into annotation queues, the evaluator registry and evaluation log, job leases for periodic work, and the
    /// guardrail settings applied to the running processors.
    /// </summary>
    private static void AddManagement(IServiceCollection services, CollectorStartup startup, StorageOptions storage)
    {
        var management = new ManagementStoreOptions
        {
            Provider = storage.Driver == StorageOptions.PostgresDriver ? ManagementDatabaseProvider.Postgres : ManagementDatabaseProvider.Sqlite,
            SqlitePath = storage.Path,
            PostgresConnectionString = storage.ConnectionString,
            Access = startup.Config.Service.Management,
        };
        if (management.Provider == ManagementDatabaseProvider.Sqlite)
        {
            management.SqliteAttachments[SqliteScoresFile.Alias] = SqliteScoresFile.PathFor(storage.Path);
            management.SqliteEvaluationLogsBySpanRow = true;
            management.SqliteCheckpointedByStore = true;
        }

        services.AddLlmOpsManagement(management);
        services.AddHostedService<EvaluationTablesMover>();
        services.AddSingleton<IFlaggedSpanSink, ManagementFlagSink>();
        services.AddSingleton<Processors.Evaluation.Engine.IEvaluationLogSink, ManagementEvaluationLogSink>();
        services.AddSingleton<RegistryEvaluatorSource>();
        services.AddSingleton<IEvaluatorSource>(sp => sp.GetRequiredService<RegistryEvaluatorSource>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RegistryEvaluatorSource>());
        services.AddSingleton<IJobGate, LeaseJobGate>();
        services.AddSingleton<IAlertEngineSync, ManagementAlertSync>();
        services.AddSingleton<SettingsApplier>();
        services.AddHostedService(sp => sp.GetRequiredService<SettingsApplier>());
        services.AddSingleton<ManagementAuditSink>();
        services.AddSingleton<IAuditSink>(sp => sp.GetRequiredService<ManagementAuditSink>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ManagementAuditSink>());
    }

    public static void MapEndpoints(WebApplication app, CollectorStartup startup)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(startup);

        // The collector's own instruments feed /metrics from the first scrape on.
        _ = app.Services.GetRequiredService<CollectorMeterBridge>();
        app.Services.GetRequiredService<CollectorMetrics>().PublishZeroes();
        app.MapPrometheus();
        if (startup.Config.Find<StorageOptions>(ComponentKind.Exporter, StorageExporterFactory.TypeName) is not null)
        {
            app.MapQueryApi();
            app.MapManagementApi();
        }

        app.MapLlmOpsConsole();
    }

    private static bool IsDefaultPath(string path) =>
        string.Equals(Path.GetFullPath(path), Path.GetFullPath(new StorageOptions().Path), StringComparison.Ordinal);
}
