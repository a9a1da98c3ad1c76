using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>Checks every trace decoder makes on a decoded span beyond its ids, so the three agree.</summary>
internal static class SpanChecks
{
    /// <summary>Why <paramref name="span"/> cannot be stored though its ids are valid, or null when it can.</summary>
    public static string? Error(SpanRecord span)
    {
        if (AttrJson.TooDeep(span.Attributes) is { } key)
        {
            return TooDeep("attribute", key);
        }

        var events = span.Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (AttrJson.TooDeep(events[i].Attributes) is { } eventKey)
            {
                return TooDeep($"event {i} attribute", eventKey);
            }
        }

        var links = span.Links;
        for (var i = 0; i < links.Count; i++)
        {
            if (AttrJson.TooDeep(links[i].Attributes) is { } linkKey)
            {
                return TooDeep($"link {i} attribute", linkKey);
            }
        }

        if (AttrJson.TooDeep(span.Resource.Attributes) is { } resourceKey)
        {
            return TooDeep("resource attribute", resourceKey);
        }

        return AttrJson.TooDeep(span.Scope.Attributes) is { } scopeKey ? TooDeep("scope attribute", scopeKey) : null;
    }

    private static string TooDeep(string what, string key) =>
        $"{what} '{key}' nests arrayValue/kvlistValue more than {AttrJson.MaxNesting} levels deep";
}
