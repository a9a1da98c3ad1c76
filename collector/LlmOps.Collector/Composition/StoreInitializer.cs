using System.Diagnostics;
using LlmOps.Collector.Diagnostics;
using LlmOps.Storage;
using LlmOps.Storage.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Composition;

/// <summary>Creates or migrates the store's schema before the listeners open.</summary>
internal sealed partial class StoreInitializer : IHostedService
{
    private readonly ITelemetryStore _store;
    private readonly CollectorMetrics _metrics;
    private readonly ILogger<StoreInitializer> _logger;

    public StoreInitializer(ITelemetryStore store, CollectorMetrics metrics, ILogger<StoreInitializer> logger)
    {
        _store = store;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Pending schema migrations run inside InitializeAsync; one that rewrites a table can take minutes on a large
        // store (see the runbook), so say so before, and how long opening took after.
        LogOpening(_logger, _store.Driver);
        var started = Stopwatch.GetTimestamp();
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _metrics.ObserveSearchIndex(() => _store.SearchIndexStatus);
        _metrics.ObserveWalWaits(() => _store.WalWaits);
        LogReady(_logger, _store.Driver, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (_store.Driver == StorageOptions.SqliteDriver && SqliteProcessSettings.MemoryStatisticsOff is { } off)
        {
            if (off)
            {
                LogMemoryStatisticsOff(_logger);
            }
            else
            {
                LogMemoryStatisticsOn(_logger);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Opening the telemetry store ({Driver}); pending schema migrations run now, before the listeners open")]
    private static partial void LogOpening(ILogger logger, string driver);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite memory statistics are off (no process-wide allocation lock)")]
    private static partial void LogMemoryStatisticsOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite memory statistics are on: SQLite was initialized before the collector could turn them off, which costs speed only")]
    private static partial void LogMemoryStatisticsOn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry store ready ({Driver}) in {Seconds:F1} s")]
    private static partial void LogReady(ILogger logger, string driver, double seconds);
}
