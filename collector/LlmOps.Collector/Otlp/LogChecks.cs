using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Checks both log decoders make on a decoded log record beyond its trace context, so they agree: its times, and the
/// nesting of its attributes, body, resource and scope attributes (as spans are checked, so what is stored reads back).
/// </summary>
internal static class LogChecks
{
    /// <summary>Why <paramref name="log"/> cannot be stored, or null when it can.</summary>
    public static string? Error(LogRecordModel log) =>
        TimeChecks.Wrapped(log.TimeUnixNano) ? TimeChecks.TooLate("time")
            : TimeChecks.Wrapped(log.ObservedTimeUnixNano) ? TimeChecks.TooLate("observed time")
            : AttrJson.TooDeep(log.Attributes) is { } key ? NestingChecks.TooDeep("attribute", key)
            : AttrJson.IsTooDeep(log.Body) ? NestingChecks.TooDeep("body")
            : AttrJson.TooDeep(log.Resource.Attributes) is { } resourceKey ? NestingChecks.TooDeep("resource attribute", resourceKey)
            : AttrJson.TooDeep(log.Scope.Attributes) is { } scopeKey ? NestingChecks.TooDeep("scope attribute", scopeKey)
            : null;
}
