namespace LlmOps.Collector.Otlp;

/// <summary>
/// The time check every decoder makes: OTLP times are uint64 nanoseconds, read into a long, so a time above
/// <see cref="long.MaxValue"/> (2262-04-11) arrives negative. Such an item is rejected, not stored with a wrapped time.
/// </summary>
internal static class TimeChecks
{
    /// <summary>True when a time read from a uint64 field wrapped past <see cref="long.MaxValue"/>.</summary>
    public static bool Wrapped(long unixNano) => unixNano < 0;

    /// <summary>The rejection reason for a wrapped time; <paramref name="what"/> names the field ("start time", "event 2: time").</summary>
    public static string TooLate(string what) => $"{what} is above {long.MaxValue} ns (2262-04-11), the latest time LlmOps keeps";
}
