using System.Collections.Concurrent;
using LlmOps.Processors.Configuration;

namespace LlmOps.Management.Api;

/// <summary>
/// Token buckets, one per key name (or per client address for calls without a valid key), refilled continuously at
/// <see cref="RateLimitOptions.RequestsPerSecond"/> up to <see cref="RateLimitOptions.Burst"/>. Time comes from the
/// app's <see cref="TimeProvider"/>. Buckets are per replica.
/// </summary>
internal sealed class ApiRateLimiter
{
    private const int MaxBuckets = 50_000;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public ApiRateLimiter(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Takes one token; when none is left returns false and how long until one is.</summary>
    public bool TryAcquire(string key, RateLimitOptions limit, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var now = _time.GetTimestamp();
        if (_buckets.Count >= MaxBuckets)
        {
            Prune(now);
        }

        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(limit.Burst, now));
        lock (bucket)
        {
            var elapsed = Seconds(now - bucket.UpdatedAt);
            bucket.Tokens = Math.Min(limit.Burst, bucket.Tokens + (elapsed * limit.RequestsPerSecond));
            bucket.UpdatedAt = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / limit.RequestsPerSecond);
            return false;
        }
    }

    private double Seconds(long ticks) => Math.Max(0, ticks) / (double)_time.TimestampFrequency;

    /// <summary>Drops buckets idle for a minute (long since full again); with too many busy ones, starts over.</summary>
    private void Prune(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (Seconds(now - bucket.UpdatedAt) > 60)
            {
                _buckets.TryRemove(key, out _);
            }
        }

        if (_buckets.Count >= MaxBuckets)
        {
            _buckets.Clear();
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        public double Tokens { get; set; } = tokens;

        public long UpdatedAt { get; set; } = updatedAt;
    }
}
