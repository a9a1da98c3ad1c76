using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>Checks both log decoders make on a decoded log record beyond its trace context, so they agree.</summary>
internal static class LogChecks
{
    /// <summary>Why <paramref name="log"/> cannot be stored, or null when it can.</summary>
    public static string? Error(LogRecordModel log) =>
        TimeChecks.Wrapped(log.TimeUnixNano) ? TimeChecks.TooLate("time")
            : TimeChecks.Wrapped(log.ObservedTimeUnixNano) ? TimeChecks.TooLate("observed time")
            : null;
}
