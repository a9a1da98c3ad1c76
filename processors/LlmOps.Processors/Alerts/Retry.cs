namespace LlmOps.Processors.Alerts;

/// <summary>A small retry loop with exponential backoff on the injected clock (no Polly).</summary>
internal static class Retry
{
    /// <summary>Runs <paramref name="action"/> until it succeeds, fails non-retryably, or attempts run out; returns (succeeded, attempts, last error).</summary>
    public static async Task<(bool Succeeded, int Attempts, Exception? Error)> RunAsync(
        Func<CancellationToken, Task> action, RetryOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var delay = options.InitialBackoff;
        Exception? last = null;
        for (var attempt = 1; attempt <= Math.Max(1, options.MaxAttempts); attempt++)
        {
            try
            {
                await action(cancellationToken).ConfigureAwait(false);
                return (true, attempt, null);
            }
            catch (NonRetryableDeliveryException ex)
            {
                return (false, attempt, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or IOException && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }

            if (attempt < options.MaxAttempts)
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxBackoff.Ticks));
            }
        }

        return (false, options.MaxAttempts, last);
    }
}
