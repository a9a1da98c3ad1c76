using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>Checks every trace decoder makes on a decoded span beyond its own ids, so the three agree.</summary>
internal static class SpanChecks
{
    /// <summary>Why <paramref name="span"/> cannot be stored though its ids are valid, or null when it can.</summary>
    public static string? Error(SpanRecord span)
    {
        if (TimeChecks.Wrapped(span.StartTimeUnixNano))
        {
            return TimeChecks.TooLate("start time");
        }

        if (TimeChecks.Wrapped(span.EndTimeUnixNano))
        {
            return TimeChecks.TooLate("end time");
        }

        var links = span.Links;
        for (var i = 0; i < links.Count; i++)
        {
            // Protobuf ids arrive as hex of any length, JSON ids as sent: both must be a valid id, kept lowercase.
            var link = links[i];
            if (TelemetryIds.FromHex(link.TraceId, TelemetryIds.TraceIdBytes) is not { } traceId)
            {
                return $"link {i}: traceId must be 16 bytes (32 hex digits in JSON), not all zero";
            }

            if (TelemetryIds.FromHex(link.SpanId, TelemetryIds.SpanIdBytes) is not { } spanId)
            {
                return $"link {i}: spanId must be 8 bytes (16 hex digits in JSON), not all zero";
            }

            if (AttrJson.TooDeep(link.Attributes) is { } linkKey)
            {
                return NestingChecks.TooDeep($"link {i} attribute", linkKey);
            }

            link.TraceId = traceId;
            link.SpanId = spanId;
        }

        if (AttrJson.TooDeep(span.Attributes) is { } key)
        {
            return NestingChecks.TooDeep("attribute", key);
        }

        var events = span.Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (TimeChecks.Wrapped(events[i].TimeUnixNano))
            {
                return TimeChecks.TooLate($"event {i}: time");
            }

            if (AttrJson.TooDeep(events[i].Attributes) is { } eventKey)
            {
                return NestingChecks.TooDeep($"event {i} attribute", eventKey);
            }
        }

        if (AttrJson.TooDeep(span.Resource.Attributes) is { } resourceKey)
        {
            return NestingChecks.TooDeep("resource attribute", resourceKey);
        }

        return AttrJson.TooDeep(span.Scope.Attributes) is { } scopeKey ? NestingChecks.TooDeep("scope attribute", scopeKey) : null;
    }
}
