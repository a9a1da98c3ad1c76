namespace LlmOps.Processors.Configuration;

/// <summary>A token bucket: <see cref="RequestsPerSecond"/> refill and up to <see cref="Burst"/> requests at once.</summary>
internal sealed class RateLimitOptions
{
    public double RequestsPerSecond { get; set; } = 50;

    public int Burst { get; set; } = 200;
}
