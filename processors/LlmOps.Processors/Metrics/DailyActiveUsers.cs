namespace LlmOps.Processors.Metrics;

/// <summary>Distinct users seen since midnight UTC (HyperLogLog, bounded memory); resets when the UTC day changes.</summary>
internal sealed class DailyActiveUsers(TimeProvider timeProvider)
{
    private readonly HyperLogLog _hll = new();
    private readonly Lock _lock = new();
    private DateOnly _day = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);

    public void Add(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_lock)
        {
            Roll();
            _hll.Add(userId);
        }
    }

    public long Estimate()
    {
        lock (_lock)
        {
            Roll();
            return _hll.Estimate();
        }
    }

    private void Roll()
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _hll.Clear();
        }
    }
}
