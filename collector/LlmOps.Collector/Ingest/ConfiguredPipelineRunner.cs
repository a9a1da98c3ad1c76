using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Ingest;

/// <summary>
/// Runs the pipelines of the YAML config: each signal's processors, then the durable exporters its pipeline names
/// (concurrently, each with the export timeout), then the others. <see cref="Swap"/> replaces the processors when the
/// config file's processor settings change; passes lease the graph they run on, and a replaced graph is disposed when
/// its last pass ends (the ingest queue runs client exports and background passes side by side).
/// </summary>
internal sealed partial class ConfiguredPipelineRunner : IPipelineRunner, IDisposable
{
    private readonly CollectorMetrics _metrics;
    private readonly CollectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfiguredPipelineRunner> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<PipelineGraph, int> _leases = new(ReferenceEqualityComparer.Instance);
    private PipelineGraph _graph;
    private bool _disposed;

    public ConfiguredPipelineRunner(PipelineGraph graph, CollectorMetrics metrics, CollectorOptions options, TimeProvider time, ILogger<ConfiguredPipelineRunner> logger)
    {
        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
        _graph = Attach(graph);
    }

    public bool HasDurableExporter => Volatile.Read(ref _graph).Routes.Any(r => r.Exporter.IsDurable);

    public PipelineGraph Current => Volatile.Read(ref _graph);

    public Task DrainAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Current.Routes.Select(r => r.Exporter).Distinct().OfType<IDrainingExporter>().Select(e => e.DrainAsync(cancellationToken)));

    /// <summary>Installs a new graph (same exporters, new processors) for the next pass.</summary>
    public void Swap(PipelineGraph next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Attach(next);
        PipelineGraph previous;
        lock (_gate)
        {
            previous = _graph;
            Volatile.Write(ref _graph, next);
            if (_leases.ContainsKey(previous))
            {
                return; // Disposed by the last pass that still runs on it.
            }
        }

        previous.Dispose();
    }

    public async Task RunAsync(TelemetryBatch batch, Action onDurable, CancellationToken cancellationToken, bool processed = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(onDurable);
        var graph = Lease();
        try
        {
            await RunOnAsync(graph, batch, onDurable, processed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Return(graph);
        }
    }

    private PipelineGraph Lease()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var graph = _graph;
            _leases[graph] = _leases.GetValueOrDefault(graph) + 1;
            return graph;
        }
    }

    private void Return(PipelineGraph graph)
    {
        lock (_gate)
        {
            var left = _leases[graph] - 1;
            if (left > 0)
            {
                _leases[graph] = left;
                return;
            }

            _leases.Remove(graph);
            if (ReferenceEquals(graph, _graph) && !_disposed)
            {
                return;
            }
        }

        graph.Dispose();
    }

    private async Task RunOnAsync(PipelineGraph graph, TelemetryBatch batch, Action onDurable, bool processed, CancellationToken cancellationToken)
    {
        if (!processed)
        {
            await graph.RunProcessorsAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        List<Task>? durable = null;
        foreach (var route in graph.Routes)
        {
            if (route.Exporter.IsDurable)
            {
                var view = PipelineGraph.View(batch, route);
                if (!view.IsEmpty)
                {
                    (durable ??= []).Add(ExportAsync(route.Exporter, view, cancellationToken));
                }
            }
        }

        if (durable is not null)
        {
            try
            {
                await Task.WhenAll(durable).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && batch.Spans.Exists(static s => s.NewlyStored))
            {
                // Parts of the batch were committed before the pass failed: the retry will find their spans stored.
                await ExportOptionalAsync(graph, Committed(batch), cancellationToken).ConfigureAwait(false);
                throw;
            }
        }

        onDurable();

        // Spans the store already held were exported before (a retry, or another replica): the optional exporters saw
        // them then, so they get only what this pass stored.
        // Spans stored by an earlier pass that failed were handed on then (see SpanRecord.NewlyStored).
        if (durable is not null && batch.Spans.Exists(static s => s.AlreadyStored))
        {
            var fresh = new TelemetryBatch();
            fresh.Spans.AddRange(batch.Spans.Where(static s => !s.AlreadyStored));
            fresh.Logs.AddRange(batch.Logs);
            fresh.Metrics.AddRange(batch.Metrics);
            batch = fresh;
        }

        await ExportOptionalAsync(graph, batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The spans a failed pass stored (each handed on once: the flag is cleared); not its logs and metrics, which the
    /// retry hands on.
    /// </summary>
    private static TelemetryBatch Committed(TelemetryBatch batch)
    {
        var committed = new TelemetryBatch { Background = batch.Background };
        foreach (var span in batch.Spans)
        {
            if (span.NewlyStored && !span.AlreadyStored)
            {
                span.NewlyStored = false;
                committed.Spans.Add(span);
            }
        }

        return committed;
    }

    private async Task ExportOptionalAsync(PipelineGraph graph, TelemetryBatch batch, CancellationToken cancellationToken)
    {
        foreach (var route in graph.Routes)
        {
            if (route.Exporter.IsDurable)
            {
                continue;
            }

            var view = PipelineGraph.View(batch, route);
            if (view.IsEmpty)
            {
                continue;
            }

            try
            {
                await ExportAsync(route.Exporter, view, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The data is stored; only this exporter missed it.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogOptionalExportFailed(_logger, route.Exporter.Id, ex);
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

    private PipelineGraph Attach(PipelineGraph graph)
    {
        graph.OnProcessorError = _metrics.ProcessorError;
        return graph;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_leases.ContainsKey(_graph))
            {
                return; // The pass still running disposes it when it ends.
            }
        }

        _graph.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exporter {Exporter} failed; the data is stored, only this exporter missed it")]
    private static partial void LogOptionalExportFailed(ILogger logger, string exporter, Exception exception);
}
