namespace LlmOps.Processors.Pipeline;

/// <summary>
/// Whether client exports are in the collector's hands right now (queued or being stored). Work no client waits for —
/// scoring, writing scores back — asks it before each step and, while exports are in flight, waits a bounded time for
/// a moment with none: at a lower thread priority alone such work still takes a share of a contended core (and of the
/// caches) exactly when an export is being stored, and that share shows in the exports' tail latency. When exports
/// never pause (a saturated collector) a wait runs out; then nobody waits for <see cref="SaturatedBackOff"/>, so the
/// deferred work keeps its share instead of falling ever further behind.
/// </summary>
internal sealed class IngestActivity : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private readonly TimeProvider _time;
    private long _inFlight;
    private long _noWaitUntil;
    private long _waits;
    private int _waiting;

    public IngestActivity(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>How long nobody waits after a wait ran out with exports still in flight.</summary>
    public static TimeSpan SaturatedBackOff { get; } = TimeSpan.FromSeconds(1);

    /// <summary>True while at least one client export is queued or being stored.</summary>
    public bool IsBusy => Interlocked.Read(ref _inFlight) > 0;

    /// <summary>Client exports queued or being stored.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Times a caller of <see cref="WaitIdle"/> found exports in flight and waited.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Threads blocked in <see cref="WaitIdle"/> right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>An export was taken: <paramref name="count"/> more are in flight.</summary>
    public void Enter(int count = 1)
    {
        lock (_gate)
        {
            if ((_inFlight += count) > 0)
            {
                _idle.Reset();
            }
        }
    }

    /// <summary><paramref name="count"/> exports were answered (stored or refused).</summary>
    public void Exit(int count = 1)
    {
        lock (_gate)
        {
            if ((_inFlight -= count) <= 0)
            {
                _inFlight = 0;
                _idle.Set();
            }
        }
    }

    /// <summary>
    /// Blocks the calling thread (a dedicated one: never call it from the thread pool) until no export is in flight,
    /// for at most <paramref name="maxWait"/>. True when none is; false at once within <see cref="SaturatedBackOff"/>
    /// of a wait that ran out, and false when this one runs out.
    /// </summary>
    public bool WaitIdle(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        if (!IsBusy)
        {
            return true;
        }

        if (maxWait <= TimeSpan.Zero || _time.GetTimestamp() < Interlocked.Read(ref _noWaitUntil))
        {
            return false;
        }

        Interlocked.Increment(ref _waits);
        Interlocked.Increment(ref _waiting);
        try
        {
            if (_idle.Wait(maxWait, cancellationToken))
            {
                return true;
            }

            var backOff = (long)(SaturatedBackOff.TotalSeconds * _time.TimestampFrequency);
            Interlocked.Exchange(ref _noWaitUntil, _time.GetTimestamp() + backOff);
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _idle.Dispose();
}
