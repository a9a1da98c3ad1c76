using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Collector.Tests.Support;

/// <summary>
/// A durable test exporter that records what reached it. It can hold every export until <see cref="Release"/>
/// (to fill the queue), fail a number of exports (to test retryable failures) and refuse every export holding a span
/// <see cref="Refuses"/> matches, storing nothing of it (as a store refuses a value it cannot hold).
/// </summary>
internal sealed class RecordingExporter : ITelemetryExporter
{
    private readonly object _lock = new();
    private readonly List<SpanRecord> _spans = [];
    private readonly List<LogRecordModel> _logs = [];
    private readonly List<MetricPointRecord> _metrics = [];
    private readonly List<(int Spans, int Logs)> _passes = [];
    private readonly List<string?> _backgroundThreads = [];
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failuresLeft;
    private int _exports;
    private int _refusals;

    public RecordingExporter(bool blocked = false)
    {
        if (!blocked)
        {
            _gate.SetResult();
        }
    }

    public string Id => "recording";

    public bool IsDurable { get; init; } = true;

    /// <summary>When true the gate holds only the collector's own (background) batches; client exports pass.</summary>
    public bool HoldBackgroundOnly { get; init; }

    /// <summary>Spans the exporter refuses: an export holding one throws <see cref="TelemetryRefusedException"/>.</summary>
    public Func<SpanRecord, bool>? Refuses { get; init; }

    /// <summary>Exports refused so far.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    public int Exports => Volatile.Read(ref _exports);

    /// <summary>Started exports, including those waiting at the gate.</summary>
    public int Entered { get; private set; }

    public IReadOnlyList<SpanRecord> Spans
    {
        get
        {
            lock (_lock)
            {
                return [.. _spans];
            }
        }
    }

    public IReadOnlyList<LogRecordModel> Logs
    {
        get
        {
            lock (_lock)
            {
                return [.. _logs];
            }
        }
    }

    public IReadOnlyList<MetricPointRecord> Metrics
    {
        get
        {
            lock (_lock)
            {
                return [.. _metrics];
            }
        }
    }

    /// <summary>Span and log counts of each stored export, in order.</summary>
    public IReadOnlyList<(int Spans, int Logs)> Passes
    {
        get
        {
            lock (_lock)
            {
                return [.. _passes];
            }
        }
    }

    /// <summary>Name of the calling thread at the start of each background (collector-written) export.</summary>
    public IReadOnlyList<string?> BackgroundThreads
    {
        get
        {
            lock (_lock)
            {
                return [.. _backgroundThreads];
            }
        }
    }

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public void Block()
    {
        lock (_lock)
        {
            if (_gate.Task.IsCompleted)
            {
                _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _gate.TrySetResult();
        }
    }

    public async Task ExportAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        Task gate;
        lock (_lock)
        {
            Entered++;
            if (batch.Background)
            {
                _backgroundThreads.Add(Thread.CurrentThread.Name);
            }

            gate = HoldBackgroundOnly && !batch.Background ? Task.CompletedTask : _gate.Task;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new IOException("simulated store failure");
        }

        if (Refuses is { } refuses && batch.Spans.Exists(s => refuses(s)))
        {
            Interlocked.Increment(ref _refusals);
            throw new TelemetryRefusedException("the store refused it (simulated: a value it cannot hold)");
        }

        lock (_lock)
        {
            _spans.AddRange(batch.Spans);
            _logs.AddRange(batch.Logs);
            _metrics.AddRange(batch.Metrics);
            _passes.Add((batch.Spans.Count, batch.Logs.Count));
        }

        Interlocked.Increment(ref _exports);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
