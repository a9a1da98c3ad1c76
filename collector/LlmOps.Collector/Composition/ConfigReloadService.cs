using LlmOps.Collector.Composition.Management;
using LlmOps.Collector.Configuration;
using LlmOps.Collector.Ingest;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Composition;

/// <summary>
/// Watches the config file and applies processor settings without a restart: a changed, valid file rebuilds the
/// processors (exporters, receivers and host settings keep their start-up values until a restart, which is logged);
/// an invalid file is reported with every error and the running configuration stays.
/// </summary>
internal sealed partial class ConfigReloadService : BackgroundService
{
    private readonly CollectorStartup _startup;
    private readonly ConfiguredPipelineRunner _runner;
    private readonly ExporterSet _exporters;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigReloadService> _logger;

    public ConfigReloadService(CollectorStartup startup, ConfiguredPipelineRunner runner, ExporterSet exporters, IServiceProvider services, TimeProvider time, ILogger<ConfigReloadService> logger)
    {
        _startup = startup;
        _runner = runner;
        _exporters = exporters;
        _services = services;
        _time = time;
        _logger = logger;
    }

    /// <summary>Successful reloads since start.</summary>
    public int Reloads { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _startup.Config.Service.ReloadInterval;
        if (_startup.ConfigFile is not { } loaded || interval <= TimeSpan.Zero)
        {
            return;
        }

        var watch = new ConfigFileWatch(loaded);
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (await watch.ChangedAsync(stoppingToken).ConfigureAwait(false))
                {
                    Reload(loaded.Path);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal void Reload(string path)
    {
        var result = CollectorConfigFileLoader(path);
        if (!result.IsValid)
        {
            LogInvalid(_logger, path, string.Join(Environment.NewLine, result.Errors));
            return;
        }

        try
        {
            var graph = PipelineGraph.Build(result.Config!, _exporters.ById, _services, _logger);

            // Building the processors published the file's guardrail values; settings saved through the API win, as
            // they do at start.
            if (_services.GetService<SettingsApplier>()?.ReapplyStored() == true)
            {
                LogStoredSettingsKept(_logger);
            }

            _runner.Swap(graph);
            Reloads++;
            LogReloaded(_logger, path, string.Join(", ", result.Config!.Processors.Keys));
        }
#pragma warning disable CA1031 // A reload that cannot be applied must not stop the collector.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogApplyFailed(_logger, path, ex);
        }
    }

    private ConfigLoadResult CollectorConfigFileLoader(string path) => Configuration.CollectorConfigFile.Load(path, _startup.Registry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Config {Path} changed but is invalid; the running configuration stays:\n{Errors}")]
    private static partial void LogInvalid(ILogger logger, string path, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Config {Path} reloaded: processors {Processors} rebuilt (exporter, receiver and service changes apply after a restart)")]
    private static partial void LogReloaded(ILogger logger, string path, string processors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guardrail settings saved through the management API stay in force over the reloaded file's values")]
    private static partial void LogStoredSettingsKept(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Config {Path} changed but could not be applied")]
    private static partial void LogApplyFailed(ILogger logger, string path, Exception exception);
}
