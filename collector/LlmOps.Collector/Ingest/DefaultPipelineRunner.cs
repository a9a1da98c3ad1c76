using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Ingest;

/// <summary>
/// Every registered <see cref="ITelemetryProcessor"/> in order, then the durable exporters concurrently (each with
/// <see cref="CollectorOptions.ExportTimeout"/>), then the non-durable ones. A processor that throws is counted, logged
/// and skipped for that batch; a failing non-durable exporter is logged and does not fail the batch.
/// </summary>
internal sealed partial class DefaultPipelineRunner : IPipelineRunner
{
    private readonly ITelemetryProcessor[] _processors;
    private readonly ITelemetryExporter[] _durable;
    private readonly ITelemetryExporter[] _optional;
    private readonly CollectorMetrics _metrics;
    private readonly CollectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DefaultPipelineRunner> _logger;

    public DefaultPipelineRunner(
        IEnumerable<ITelemetryProcessor> processors,
        IEnumerable<ITelemetryExporter> exporters,
        CollectorMetrics metrics,
        CollectorOptions options,
        TimeProvider time,
        ILogger<DefaultPipelineRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(processors);
        ArgumentNullException.ThrowIfNull(exporters);
        _processors = [.. processors];
        ITelemetryExporter[] all = [.. exporters];
        _durable = Array.FindAll(all, static e => e.IsDurable);
        _optional = Array.FindAll(all, static e => !e.IsDurable);
        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public bool HasDurableExporter => _durable.Length > 0;

    public Task DrainAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_durable.Concat(_optional).OfType<IDrainingExporter>().Select(e => e.DrainAsync(cancellationToken)));

    public async Task RunAsync(TelemetryBatch batch, Action onDurable, CancellationToken cancellationToken, bool processed = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(onDurable);
        foreach (var processor in processed ? [] : _processors)
        {
            try
            {
                await processor.ProcessAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A processor failure is counted and logged; the batch goes on (processors must not throw).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _metrics.ProcessorError(processor.Id);
                LogProcessorFailed(_logger, processor.Id, ex);
            }
        }

        if (_durable.Length == 1)
        {
            await ExportAsync(_durable[0], batch, cancellationToken).ConfigureAwait(false);
        }
        else if (_durable.Length > 1)
        {
            var tasks = new Task[_durable.Length];
            for (var i = 0; i < tasks.Length; i++)
            {
                tasks[i] = ExportAsync(_durable[i], batch, cancellationToken);
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        onDurable();

        foreach (var exporter in _optional)
        {
            try
            {
                await ExportAsync(exporter, batch, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The data is stored; only this exporter missed it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogOptionalExportFailed(_logger, exporter.Id, ex);
            }
        }
    }

    private async Task ExportAsync(ITelemetryExporter exporter, TelemetryBatch batch, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ExportTimeout);
        var success = false;
        try
        {
            await exporter.ExportAsync(batch, timeout.Token).ConfigureAwait(false);
            success = true;
        }
        finally
        {
            _metrics.Export(exporter.Id, success, _time.GetElapsedTime(started));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Processor {Processor} threw; the batch continues without it")]
    private static partial void LogProcessorFailed(ILogger logger, string processor, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exporter {Exporter} failed; the data is stored, only this exporter missed it")]
    private static partial void LogOptionalExportFailed(ILogger logger, string exporter, Exception exception);
}
