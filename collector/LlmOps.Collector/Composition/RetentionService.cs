using LlmOps.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Composition;

/// <summary>Applies the store's <c>retention</c> setting hourly (once across replicas), deleting older telemetry.</summary>
internal sealed partial class RetentionService : BackgroundService
{
    private readonly ITelemetryStore _store;
    private readonly StorageOptions _options;
    private readonly IJobGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionService> _logger;

    public RetentionService(ITelemetryStore store, StorageOptions options, IJobGate gate, TimeProvider time, ILogger<RetentionService> logger)
    {
        _store = store;
        _options = options;
        _gate = gate;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Retention is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), _time);
        try
        {
            do
            {
                try
                {
                    if (await _gate.TryRunAsync("retention", TimeSpan.FromMinutes(30), stoppingToken).ConfigureAwait(false))
                    {
                        var result = await _store.ApplyRetentionAsync(stoppingToken).ConfigureAwait(false);
                        LogApplied(_logger, result.ToString());
                    }
                }
#pragma warning disable CA1031 // Retention is retried at the next interval.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogFailed(_logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention applied: {Result}")]
    private static partial void LogApplied(ILogger logger, string result);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying retention failed; retrying in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
