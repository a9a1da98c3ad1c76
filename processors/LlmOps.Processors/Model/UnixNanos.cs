namespace LlmOps.Processors.Model;

/// <summary>Times as OTLP carries them: nanoseconds since the Unix epoch in a signed 64-bit integer.</summary>
internal static class UnixNanos
{
    private const long MaxTicksFromEpoch = long.MaxValue / 100;

    /// <summary>
    /// <paramref name="time"/> in Unix nanoseconds, clamped to what a long holds (1677-09-21 to 2262-04-11): a bound
    /// outside that range selects everything or nothing, as the time it names would, instead of wrapping around.
    /// </summary>
    public static long From(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return ticks > MaxTicksFromEpoch ? long.MaxValue : ticks < -MaxTicksFromEpoch ? long.MinValue : ticks * 100;
    }

    /// <summary>Unix milliseconds in Unix nanoseconds, clamped as <see cref="From(DateTimeOffset)"/>.</summary>
    public static long FromMilliseconds(long milliseconds) =>
        milliseconds > long.MaxValue / 1_000_000 ? long.MaxValue : milliseconds < long.MinValue / 1_000_000 ? long.MinValue : milliseconds * 1_000_000;
}
