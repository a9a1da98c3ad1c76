using LlmOps.Processors.Configuration;
using LlmOps.Processors.Model;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Pipeline;

/// <summary>
/// The configured pipelines, ready to run: per signal an ordered processor chain, then the exporters each signal is
/// routed to. Durable exporters run first; once they all succeed the batch counts as stored (the caller acknowledges)
/// and the non-durable ones (metrics view, forwarders, evaluation scheduling) follow. A processor that throws is
/// logged, counted and skipped: it never loses the batch.
/// </summary>
internal sealed class PipelineGraph : IDisposable
{
    private readonly IReadOnlyList<ITelemetryProcessor> _traces;
    private readonly IReadOnlyList<ITelemetryProcessor> _metrics;
    private readonly IReadOnlyList<ITelemetryProcessor> _logs;
    private readonly IReadOnlyList<ExporterRoute> _routes;
    private readonly ILogger _logger;
    private long _processorFailures;

    public PipelineGraph(
        IReadOnlyList<ITelemetryProcessor> traces,
        IReadOnlyList<ITelemetryProcessor> metrics,
        IReadOnlyList<ITelemetryProcessor> logs,
        IReadOnlyList<ExporterRoute> routes,
        ILogger logger)
    {
        _traces = traces;
        _metrics = metrics;
        _logs = logs;
        _routes = routes;
        _logger = logger;
    }

    public IEnumerable<ITelemetryProcessor> Processors => _traces.Concat(_metrics).Concat(_logs);

    public IReadOnlyList<ExporterRoute> Routes => _routes;

    /// <summary>Processor failures seen since start (each is logged once per batch).</summary>
    public long ProcessorFailures => Interlocked.Read(ref _processorFailures);

    /// <summary>Called with the processor id whenever a processor throws (for the collector's own metrics).</summary>
    public Action<string>? OnProcessorError { get; set; }

    /// <summary>Builds the graph for <paramref name="config"/>; exporters are long-lived and passed in by id.</summary>
    public static PipelineGraph Build(
        CollectorConfig config,
        IReadOnlyDictionary<string, ITelemetryExporter> exporters,
        IServiceProvider services,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(exporters);
        var chains = new Dictionary<string, List<ITelemetryProcessor>>(StringComparer.Ordinal)
        {
            ["traces"] = [],
            ["metrics"] = [],
            ["logs"] = [],
        };
        var routes = new Dictionary<string, (bool Traces, bool Metrics, bool Logs)>(StringComparer.Ordinal);
        foreach (var pipeline in config.Pipelines)
        {
            foreach (var pid in pipeline.Processors)
            {
                var c = config.Processors[pid];
                chains[pipeline.Signal].Add(((IProcessorFactory)c.Factory).Create(pid, c.Options, services));
            }

            foreach (var eid in pipeline.Exporters)
            {
                routes.TryGetValue(eid, out var r);
                routes[eid] = pipeline.Signal switch
                {
                    "traces" => r with { Traces = true },
                    "metrics" => r with { Metrics = true },
                    _ => r with { Logs = true },
                };
            }
        }

        var ordered = routes
            .Where(r => exporters.ContainsKey(r.Key))
            .Select(r => new ExporterRoute(exporters[r.Key], r.Value.Traces, r.Value.Metrics, r.Value.Logs))
            .OrderByDescending(r => r.Exporter.IsDurable)
            .ToList();
        return new PipelineGraph(chains["traces"], chains["metrics"], chains["logs"], ordered, logger);
    }

    /// <summary>
    /// Runs processors and exporters over <paramref name="batch"/>. <paramref name="onDurable"/> is called once every
    /// durable exporter has stored the batch; an exception from a durable exporter propagates (nothing acknowledged).
    /// </summary>
    public async Task RunAsync(TelemetryBatch batch, Action onDurable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(onDurable);
        await RunProcessorsAsync(batch, cancellationToken).ConfigureAwait(false);

        var durableDone = false;
        foreach (var route in _routes)
        {
            if (!route.Exporter.IsDurable && !durableDone)
            {
                durableDone = true;
                onDurable();
            }

            var view = View(batch, route);
            if (view.IsEmpty)
            {
                continue;
            }

            if (route.Exporter.IsDurable)
            {
                await route.Exporter.ExportAsync(view, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    await route.Exporter.ExportAsync(view, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "Exporter {Exporter} failed; the data is stored, only this exporter missed it", route.Exporter.Id);
                }
            }
        }

        if (!durableDone)
        {
            onDurable();
        }
    }

    /// <summary>Runs each signal's processor chain over its part of <paramref name="batch"/>.</summary>
    public async Task RunProcessorsAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Spans.Count > 0 && _traces.Count > 0)
        {
            var view = Slice(batch, spans: true);
            await RunChainAsync(_traces, view, cancellationToken).ConfigureAwait(false);
            Replace(batch.Spans, view.Spans);
        }

        if (batch.Metrics.Count > 0 && _metrics.Count > 0)
        {
            var view = Slice(batch, metrics: true);
            await RunChainAsync(_metrics, view, cancellationToken).ConfigureAwait(false);
            Replace(batch.Metrics, view.Metrics);
        }

        if (batch.Logs.Count > 0 && _logs.Count > 0)
        {
            var view = Slice(batch, logs: true);
            await RunChainAsync(_logs, view, cancellationToken).ConfigureAwait(false);
            Replace(batch.Logs, view.Logs);
        }
    }

    /// <summary>The part of <paramref name="batch"/> routed to <paramref name="route"/>'s exporter.</summary>
    public static TelemetryBatch View(TelemetryBatch batch, ExporterRoute route)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(route);
        return route.Traces && route.Metrics && route.Logs ? batch : Slice(batch, route.Traces, route.Metrics, route.Logs);
    }

    private async Task RunChainAsync(IReadOnlyList<ITelemetryProcessor> chain, TelemetryBatch view, CancellationToken cancellationToken)
    {
        foreach (var processor in chain)
        {
            try
            {
                await processor.ProcessAsync(view, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref _processorFailures);
                OnProcessorError?.Invoke(processor.Id);
                _logger.LogError(ex, "Processor {Processor} failed on a batch; it was skipped for this batch", processor.Id);
            }
        }
    }

    /// <summary>Processors may drop or replace items in their view: carry that back to the whole batch.</summary>
    private static void Replace<T>(List<T> whole, List<T> view)
    {
        whole.Clear();
        whole.AddRange(view);
    }

    private static TelemetryBatch Slice(TelemetryBatch batch, bool spans = false, bool metrics = false, bool logs = false)
    {
        var view = new TelemetryBatch { Background = batch.Background };
        if (spans)
        {
            view.Spans.AddRange(batch.Spans);
        }

        if (metrics)
        {
            view.Metrics.AddRange(batch.Metrics);
        }

        if (logs)
        {
            view.Logs.AddRange(batch.Logs);
        }

        return view;
    }

    public void Dispose()
    {
        foreach (var p in Processors)
        {
            p.Dispose();
        }
    }
}
