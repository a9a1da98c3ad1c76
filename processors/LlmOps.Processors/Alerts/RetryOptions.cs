namespace LlmOps.Processors.Alerts;

/// <summary>Delivery retries: exponential backoff from <see cref="InitialBackoff"/>, doubled each time, capped.</summary>
internal sealed class RetryOptions
{
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
