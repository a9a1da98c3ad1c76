using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Storage;

namespace LlmOps.Collector.Diagnostics;

/// <summary>
/// The collector's own instruments on the <c>LlmOps.Collector</c> meter. Recording costs next to nothing when no
/// listener (the Prometheus endpoint, a test's MeterListener) is attached.
/// </summary>
internal sealed class CollectorMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _invalidRequests;
    private readonly Counter<long> _processorErrors;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _exportDuration;
    private Func<long> _queueSize = static () => 0;
    private Func<long> _queueCapacity = static () => 0;
    private Func<SearchIndexStatus?> _searchIndex = static () => null;
    private Func<long?> _walWaits = static () => null;

    public CollectorMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory is null ? new Meter(SemanticConventions.CollectorMeterName) : meterFactory.Create(SemanticConventions.CollectorMeterName);
        _received = _meter.CreateCounter<long>(SemanticConventions.CollectorReceivedItems, "{item}", "Spans, log records and metric points received, by signal and protocol.");
        _rejected = _meter.CreateCounter<long>(SemanticConventions.CollectorRejectedItems, "{item}", "Items rejected as invalid and reported in partial_success.");
        _refused = _meter.CreateCounter<long>(SemanticConventions.CollectorRefusedItems, "{item}", "Items the client was told to retry (queue full, shutting down, export failed).");
        _dropped = _meter.CreateCounter<long>(SemanticConventions.CollectorDroppedItems, "{item}", "Items removed by processors after being accepted.");
        _invalidRequests = _meter.CreateCounter<long>(SemanticConventions.CollectorInvalidRequests, "{request}", "Requests refused as a whole (malformed, too large, unsupported media type).");
        _processorErrors = _meter.CreateCounter<long>(SemanticConventions.CollectorProcessorErrors, "{error}", "Exceptions thrown by processors (the batch continues).");
        _batchDuration = _meter.CreateHistogram<double>(SemanticConventions.CollectorBatchDuration, "s", "Time of one pipeline pass: processors and durable exporters.");
        _batchSize = _meter.CreateHistogram<long>(SemanticConventions.CollectorBatchSize, "{item}", "Items per pipeline pass (group commit size).");
        _exportDuration = _meter.CreateHistogram<double>(SemanticConventions.CollectorExportDuration, "s", "Time one exporter took for one batch, by exporter and outcome.");
        _meter.CreateObservableGauge(SemanticConventions.CollectorQueueSize, () => _queueSize(), "{item}", "Items queued or being exported.");
        _meter.CreateObservableGauge(SemanticConventions.CollectorQueueCapacity, () => _queueCapacity(), "{item}", "Queue bound in items.");
        _meter.CreateObservableGauge(SemanticConventions.CollectorSearchIndexPending, () => SearchIndex(s => s.Pending), "{change}", "Changes committed to the store and not yet in its full-text index (SQLite only).");
        _meter.CreateObservableGauge(SemanticConventions.CollectorSearchIndexRebuilding, () => SearchIndex(s => s.Rebuilding ? 1 : 0), "{index}", "1 while the full-text index is rebuilt from the stored traces (searches may miss traces).");
        _meter.CreateObservableCounter(SemanticConventions.CollectorSearchIndexFailures, () => SearchIndex(s => s.Failures), "{failure}", "Failed passes of the full-text index's writer (each retried from where it stood).");
        _meter.CreateObservableCounter(SemanticConventions.CollectorStoreWalWaits, () => _walWaits() is { } n ? [new Measurement<long>(n)] : Array.Empty<Measurement<long>>(), "{wait}", "Times ingest waited for a full WAL checkpoint because the WAL had passed twice its limit (SQLite only).");
    }

    /// <summary>
    /// Starts the refused and dropped counters at 0 for every signal (and refusal reason), so their rates read 0 on
    /// dashboards rather than "no data" until the first occurrence. Call once a listener is attached.
    /// </summary>
    public void PublishZeroes()
    {
        foreach (var signal in new[] { MetricNames.Traces, MetricNames.Logs, MetricNames.Metrics })
        {
            _dropped.Add(0, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, signal));
            foreach (var reason in new[] { MetricNames.QueueFull, MetricNames.ShuttingDown })
            {
                _refused.Add(0, new(SemanticConventions.CollectorAttrSignal, signal), new(SemanticConventions.CollectorAttrReason, reason));
            }
        }
    }

    /// <summary>Reports the store's full-text index (nothing while <paramref name="status"/> returns null).</summary>
    public void ObserveSearchIndex(Func<SearchIndexStatus?> status) => _searchIndex = status;

    /// <summary>Reports the store's waits for WAL checkpoints (nothing while <paramref name="waits"/> returns null).</summary>
    public void ObserveWalWaits(Func<long?> waits) => _walWaits = waits;

    public void ObserveQueue(Func<long> size, Func<long> capacity)
    {
        _queueSize = size;
        _queueCapacity = capacity;
    }

    public void Received(string signal, string protocol, long count)
    {
        if (count > 0 && _received.Enabled)
        {
            _received.Add(count, new(SemanticConventions.CollectorAttrSignal, signal), new(SemanticConventions.CollectorAttrProtocol, protocol));
        }
    }

    public void Rejected(string signal, string protocol, long count)
    {
        if (count > 0 && _rejected.Enabled)
        {
            _rejected.Add(count, new(SemanticConventions.CollectorAttrSignal, signal), new(SemanticConventions.CollectorAttrProtocol, protocol));
        }
    }

    public void Refused(string signal, string reason, long count)
    {
        if (count > 0 && _refused.Enabled)
        {
            _refused.Add(count, new(SemanticConventions.CollectorAttrSignal, signal), new(SemanticConventions.CollectorAttrReason, reason));
        }
    }

    public void Dropped(string signal, long count)
    {
        if (count > 0 && _dropped.Enabled)
        {
            _dropped.Add(count, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, signal));
        }
    }

    public void InvalidRequest(string protocol, string reason)
    {
        if (_invalidRequests.Enabled)
        {
            _invalidRequests.Add(1, new(SemanticConventions.CollectorAttrProtocol, protocol), new(SemanticConventions.CollectorAttrReason, reason));
        }
    }

    public void ProcessorError(string processor)
    {
        if (_processorErrors.Enabled)
        {
            _processorErrors.Add(1, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrProcessor, processor));
        }
    }

    public void Batch(TimeSpan duration, long items)
    {
        if (_batchDuration.Enabled)
        {
            _batchDuration.Record(duration.TotalSeconds);
        }

        if (_batchSize.Enabled)
        {
            _batchSize.Record(items);
        }
    }

    public void Export(string exporter, bool success, TimeSpan duration)
    {
        if (_exportDuration.Enabled)
        {
            _exportDuration.Record(
                duration.TotalSeconds,
                new(SemanticConventions.CollectorAttrExporter, exporter),
                new(SemanticConventions.CollectorAttrOutcome, success ? "success" : "failure"));
        }
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> SearchIndex(Func<SearchIndexStatus, long> read) =>
        _searchIndex() is { } status ? [new Measurement<long>(read(status))] : [];
}
