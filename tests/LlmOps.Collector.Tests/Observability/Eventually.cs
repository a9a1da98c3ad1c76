namespace LlmOps.Collector.Tests.Observability;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> what, TimeSpan? poll = null)
    {
        var until = TimeProvider.System.GetUtcNow() + deadline;
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > until)
            {
                throw new TimeoutException($"not reached within {deadline}: {what()}");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
        }
    }
}
