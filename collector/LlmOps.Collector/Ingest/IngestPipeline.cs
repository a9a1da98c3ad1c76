using System.Diagnostics;
using System.Threading.Channels;
using LlmOps.Collector.Diagnostics;
using LlmOps.Collector.Hosting;
using LlmOps.Collector.Otlp;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Collector.Ingest;

/// <summary>
/// The bounded ingest queue and its workers. Receivers submit decoded batches; the client worker takes every queued
/// request up to <see cref="CollectorOptions.MaxRequestsPerBatch"/> / <see cref="CollectorOptions.MaxItemsPerBatch"/>
/// at once (group commit), runs the processors in order, then every exporter, and completes the submissions only when
/// all durable exporters have finished: an acknowledged request is stored. The bound counts items queued or being
/// exported; beyond it submissions are refused with a retry delay, never dropped. Batches the collector produces itself
/// (<see cref="TelemetryBatch.Background"/>: evaluation results) wait in a second queue, limited to half the bound, and
/// go through the same pipeline on a worker of their own, at a lower priority, in passes of at most
/// <see cref="BackgroundItemsPerPass"/> items: a client export never waits behind scores (the store writes scores to a
/// file of their own), and when both want the CPU the client worker goes first.
/// </summary>
internal sealed partial class IngestPipeline : IIngestSink, IHostedService, IAsyncDisposable
{
    private readonly CollectorOptions _options;
    private readonly IPipelineRunner _runner;
    private readonly CollectorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestPipeline> _logger;
    private readonly IngestActivity? _activity;

    /// <summary>
    /// How long the background worker waits, before a pass, for a moment with no client export in flight (see
    /// <see cref="IngestActivity.WaitIdle"/>).
    /// </summary>
    public static readonly TimeSpan BackgroundYield = TimeSpan.FromMilliseconds(100);

    /// <summary>Most background items (evaluation results) one pass takes.</summary>
    public const int BackgroundItemsPerPass = TelemetryBatch.BackgroundSlice;

    /// <summary>Name of the background worker's thread (at most 15 characters: Linux shows it in /proc).</summary>
    public const string BackgroundThreadName = "llmops-score-wb";

    private readonly Channel<IngestWorkItem> _queue = Channel.CreateUnbounded<IngestWorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<IngestWorkItem> _background = Channel.CreateUnbounded<IngestWorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private Task? _worker;
    private Task? _backgroundWorker;
    private long _queuedItems;
    private volatile bool _stopping;
    private volatile bool _lastExportFailed;
    private int _disposed;

    public IngestPipeline(
        CollectorOptions options,
        IPipelineRunner runner,
        CollectorMetrics metrics,
        TimeProvider time,
        ILogger<IngestPipeline> logger,
        IngestActivity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _runner = runner;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _activity = activity;
        _metrics.ObserveQueue(() => QueuedItems, () => _options.QueueCapacityItems);
    }

    /// <summary>Items queued or being exported.</summary>
    public long QueuedItems => Interlocked.Read(ref _queuedItems);

    public int Capacity => _options.QueueCapacityItems;

    /// <summary>True when the queue is at 90% of its bound or more: new requests are about to be refused.</summary>
    public bool IsSaturated => QueuedItems >= Capacity - (Capacity / 10);

    /// <summary>True when the last pipeline pass failed in a durable exporter (cleared by the next success).</summary>
    public bool LastExportFailed => _lastExportFailed;

    public ValueTask<IngestOutcome> SubmitAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var items = batch.Spans.Count + batch.Logs.Count + batch.Metrics.Count;
        if (items == 0)
        {
            return ValueTask.FromResult(IngestOutcome.Accepted);
        }

        // While stopping, scores of already stored spans are still taken until the exporters have drained.
        if (_stopping && !batch.Background)
        {
            return ValueTask.FromResult(Refuse(batch, IngestStatus.ShuttingDown, MetricNames.ShuttingDown, "the collector is shutting down"));
        }

        var after = Interlocked.Add(ref _queuedItems, items);
        // A request larger than the whole bound is still taken when the queue is empty, else it could never be stored.
        // Background batches may fill only half of it, so clients always find room.
        var bound = batch.Background ? _options.QueueCapacityItems / 2 : _options.QueueCapacityItems;
        if (after > bound && after != items)
        {
            Interlocked.Add(ref _queuedItems, -items);
            return ValueTask.FromResult(Refuse(batch, IngestStatus.Overloaded, MetricNames.QueueFull, "the ingest queue is full"));
        }

        var work = new IngestWorkItem(batch, items);
        if (!batch.Background)
        {
            _activity?.Enter();
        }

        if (!(batch.Background ? _background : _queue).Writer.TryWrite(work))
        {
            Interlocked.Add(ref _queuedItems, -items);
            if (!batch.Background)
            {
                _activity?.Exit();
            }

            return ValueTask.FromResult(Refuse(batch, IngestStatus.ShuttingDown, MetricNames.ShuttingDown, "the collector is shutting down"));
        }

        // Once queued the request is stored even if its client goes away; only the wait is cancelled.
        return new ValueTask<IngestOutcome>(work.Completion.Task.WaitAsync(cancellationToken));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_runner.HasDurableExporter)
        {
            LogNoDurableExporter(_logger);
        }

        _worker ??= Task.Run(RunClientsAsync, CancellationToken.None);
        _backgroundWorker ??= LowPriorityThread.Start(BackgroundThreadName, RunBackground);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refuses new client submissions and drains what is queued through the exporters; then lets draining exporters
    /// (scoring) finish, stores the results they write back, and returns. Past <paramref name="cancellationToken"/> the
    /// pass in progress is abandoned and its clients are told to retry.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        if (_worker is null || _backgroundWorker is null)
        {
            _background.Writer.TryComplete();
            return;
        }

        try
        {
            await _worker.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _runner.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Shutdown goes on; what the exporter had not written is reported by it.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogExporterDrainFailed(_logger, ex);
            }

            _background.Writer.TryComplete();
            await _backgroundWorker.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _background.Writer.TryComplete();
            LogDrainTimedOut(_logger, QueuedItems);
            await _abort.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_worker, _backgroundWorker).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        _queue.Writer.TryComplete();
        _background.Writer.TryComplete();
        await _abort.CancelAsync().ConfigureAwait(false);
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(false);
        }

        if (_backgroundWorker is not null)
        {
            await _backgroundWorker.ConfigureAwait(false);
        }

        _abort.Dispose();
    }

    private IngestOutcome Refuse(TelemetryBatch batch, IngestStatus status, string reason, string message)
    {
        CountRefused(batch, reason);
        return new IngestOutcome(status, _options.RetryAfter, message);
    }

    private void CountRefused(TelemetryBatch batch, string reason)
    {
        _metrics.Refused(MetricNames.Traces, reason, batch.Spans.Count);
        _metrics.Refused(MetricNames.Logs, reason, batch.Logs.Count);
        _metrics.Refused(MetricNames.Metrics, reason, batch.Metrics.Count);
    }

    /// <summary>The client worker: passes over the client queue until it is completed and empty.</summary>
    private async Task RunClientsAsync()
    {
        var reader = _queue.Reader;
        var take = new List<IngestWorkItem>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var items = Take(reader, take, _options.MaxItemsPerBatch);
            if (take.Count > 0)
            {
                await PassAsync(take, items).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The background worker, on a thread of its own at a lower priority (<see cref="LowPriorityThread"/>): a pass runs
    /// synchronously as far as it can (processors, the scores file's commit, metrics), so its CPU time is taken at that
    /// priority; what continues after a real wait runs on the thread pool.
    /// </summary>
    private void RunBackground()
    {
        var reader = _background.Reader;
        var take = new List<IngestWorkItem>();
        var maxItems = Math.Min(BackgroundItemsPerPass, _options.MaxItemsPerBatch);
        while (reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            // Scores give way to client exports: while one is in flight, wait (a bounded time) for a moment with none.
            _activity?.WaitIdle(BackgroundYield);

            var items = Take(reader, take, maxItems);
            if (take.Count > 0)
            {
                PassAsync(take, items).GetAwaiter().GetResult();
            }
        }
    }

    private int Take(ChannelReader<IngestWorkItem> reader, List<IngestWorkItem> take, int maxItems)
    {
        take.Clear();
        var items = 0;
        while (take.Count < _options.MaxRequestsPerBatch
            && (items < maxItems || take.Count == 0)
            && reader.TryPeek(out var next)
            && (take.Count == 0 || items + next.Items <= maxItems)
            && reader.TryRead(out next))
        {
            take.Add(next);
            items += next.Items;
        }

        return items;
    }

    private async Task PassAsync(List<IngestWorkItem> take, int items)
    {
        try
        {
            await ProcessAsync(take, items).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The worker must survive anything a batch does; the clients are told to retry.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPassFailed(_logger, ex);
            Complete(take, new IngestOutcome(IngestStatus.Failed, _options.RetryAfter, "storing failed; retry"), failed: true);
        }
        finally
        {
            Interlocked.Add(ref _queuedItems, -items);
            if (!take[0].Batch.Background)
            {
                _activity?.Exit(take.Count);
            }
        }
    }

    private async Task ProcessAsync(List<IngestWorkItem> work, int items)
    {
        var started = _time.GetTimestamp();
        var batch = Merge(work, items);
        int spans = batch.Spans.Count, logs = batch.Logs.Count, points = batch.Metrics.Count;
        var acknowledged = false;
        try
        {
            await _runner.RunAsync(
                batch,
                () =>
                {
                    acknowledged = true;
                    _lastExportFailed = false;
                    Complete(work, IngestOutcome.Accepted, failed: false);
                    _metrics.Batch(_time.GetElapsedTime(started), items);
                },
                _abort.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure before the durable point means "not stored": the clients are told to retry.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (acknowledged)
            {
                LogAfterDurableFailed(_logger, ex);
            }
            else if (ex is TelemetryRefusedException && !_abort.IsCancellationRequested)
            {
                LogPassRefused(_logger, work.Count, ex.Message);
                await IsolateAsync(work).ConfigureAwait(false);
                _metrics.Batch(_time.GetElapsedTime(started), items);
                return;
            }
            else
            {
                _lastExportFailed = true;
                LogExportFailed(_logger, ex);
                Complete(work, new IngestOutcome(IngestStatus.Failed, _options.RetryAfter, "storing failed; retry"), failed: true);
                return;
            }
        }

        if (!acknowledged)
        {
            // A runner that returned without reaching the durable point has nothing durable configured.
            Complete(work, IngestOutcome.Accepted, failed: false);
        }

        _metrics.Dropped(MetricNames.Traces, spans - batch.Spans.Count);
        _metrics.Dropped(MetricNames.Logs, logs - batch.Logs.Count);
        _metrics.Dropped(MetricNames.Metrics, points - batch.Metrics.Count);
    }

    /// <summary>
    /// A pass whose export the store refused for its data: stores its requests one by one, and a refused request in
    /// halves until the refused items are alone (already processed: the processors do not run again). Each request is
    /// answered accepted, with the items the store refused counted for its partial success; a request that meets any
    /// other failure on the way is answered "retry" (what was stored of it is recognised as duplicates then).
    /// </summary>
    private async Task IsolateAsync(List<IngestWorkItem> work)
    {
        foreach (var item in work)
        {
            var batch = item.Batch;
            foreach (var span in batch.Spans)
            {
                span.AlreadyStored = false; // The refused transaction's duplicate check may have set it.
            }

            var refused = new Rejections();
            var stored = work.Count == 1
                ? await SplitAsync(batch, 0, item.Items, refused, "refused").ConfigureAwait(false)
                : await StorePartAsync(batch, 0, item.Items, refused).ConfigureAwait(false);
            IngestOutcome outcome;
            if (stored)
            {
                _lastExportFailed = false;
                outcome = refused.Count == 0 ? IngestOutcome.Accepted : IngestOutcome.Accepted with { Rejected = refused.Count, Message = refused.Reasons };
            }
            else
            {
                _lastExportFailed = true;
                CountRefused(batch, MetricNames.ExportFailed);
                outcome = new IngestOutcome(IngestStatus.Failed, _options.RetryAfter, "storing failed; retry");
            }

            item.Completion.TrySetResult(outcome);
        }
    }

    /// <summary>Exports items [<paramref name="from"/>, <paramref name="to"/>) of a processed batch; false on a failure other than a refusal.</summary>
    private async Task<bool> StorePartAsync(TelemetryBatch batch, int from, int to, Rejections refused)
    {
        var part = from == 0 && to == Count(batch) ? batch : Slice(batch, from, to);
        var durable = false;
        try
        {
            await _runner.RunAsync(part, () => durable = true, _abort.Token, processed: true).ConfigureAwait(false);
            return true;
        }
        catch (TelemetryRefusedException ex) when (!durable && !_abort.IsCancellationRequested)
        {
            return await SplitAsync(batch, from, to, refused, ex.Message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any other failure before the durable point: the request is answered "retry".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (durable)
            {
                LogAfterDurableFailed(_logger, ex);
                return true;
            }

            LogExportFailed(_logger, ex);
            return false;
        }
    }

    /// <summary>Items [<paramref name="from"/>, <paramref name="to"/>) were refused: a single item is rejected, more are stored in two halves.</summary>
    private async Task<bool> SplitAsync(TelemetryBatch batch, int from, int to, Rejections refused, string reason)
    {
        if (to - from == 1)
        {
            var item = Describe(batch, from);
            LogItemRefused(_logger, item, reason);
            refused.Add($"{item}: {reason}");
            return true;
        }

        var middle = from + ((to - from) / 2);
        return await StorePartAsync(batch, from, middle, refused).ConfigureAwait(false)
            && await StorePartAsync(batch, middle, to, refused).ConfigureAwait(false);
    }

    private static int Count(TelemetryBatch batch) => batch.Spans.Count + batch.Logs.Count + batch.Metrics.Count;

    /// <summary>Items [<paramref name="from"/>, <paramref name="to"/>) of a batch, counting its spans, then its logs, then its metric points.</summary>
    private static TelemetryBatch Slice(TelemetryBatch batch, int from, int to)
    {
        var part = new TelemetryBatch { Background = batch.Background };
        int spans = batch.Spans.Count, logs = batch.Logs.Count;
        for (var i = from; i < to; i++)
        {
            if (i < spans)
            {
                part.Spans.Add(batch.Spans[i]);
            }
            else if (i < spans + logs)
            {
                part.Logs.Add(batch.Logs[i - spans]);
            }
            else
            {
                part.Metrics.Add(batch.Metrics[i - spans - logs]);
            }
        }

        return part;
    }

    private static string Describe(TelemetryBatch batch, int index)
    {
        int spans = batch.Spans.Count, logs = batch.Logs.Count;
        if (index < spans)
        {
            var span = batch.Spans[index];
            return $"span '{span.Name}' (trace {span.TraceId}, span {span.SpanId})";
        }

        if (index < spans + logs)
        {
            var log = batch.Logs[index - spans];
            return log.TraceId is { Length: > 0 } trace ? $"log record of trace {trace}, span {log.SpanId}" : $"log record {index - spans}";
        }

        return $"metric point of '{batch.Metrics[index - spans - logs].Name}'";
    }

    private static TelemetryBatch Merge(List<IngestWorkItem> work, int items)
    {
        if (work.Count == 1)
        {
            return work[0].Batch;
        }

        // A pass takes from one queue only, so its requests are all background or all client exports.
        var merged = new TelemetryBatch { Background = work[0].Batch.Background };
        merged.Spans.Capacity = items;
        foreach (var item in work)
        {
            merged.Spans.AddRange(item.Batch.Spans);
            merged.Logs.AddRange(item.Batch.Logs);
            merged.Metrics.AddRange(item.Batch.Metrics);
        }

        return merged;
    }

    private void Complete(List<IngestWorkItem> work, IngestOutcome outcome, bool failed)
    {
        foreach (var item in work)
        {
            if (failed)
            {
                CountRefused(item.Batch, MetricNames.ExportFailed);
            }

            item.Completion.TrySetResult(outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An exporter failed to drain at shutdown; the work it still held is lost")]
    private static partial void LogExporterDrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No durable exporter is configured: received telemetry is acknowledged without being stored")]
    private static partial void LogNoDurableExporter(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown timed out with {Items} items still queued; they were not acknowledged and clients will retry")]
    private static partial void LogDrainTimedOut(ILogger logger, long items);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pipeline pass failed; its requests were answered as retryable")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing a batch failed; its requests were answered as retryable")]
    private static partial void LogExportFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store refused the data of a pass of {Requests} requests ({Reason}); storing them one by one to find the items it refuses")]
    private static partial void LogPassRefused(ILogger logger, int requests, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Item}: {Reason}")]
    private static partial void LogItemRefused(ILogger logger, string item, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A non-durable stage failed after the batch was stored")]
    private static partial void LogAfterDurableFailed(ILogger logger, Exception exception);
}
