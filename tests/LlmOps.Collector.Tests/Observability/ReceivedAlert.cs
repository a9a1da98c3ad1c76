using System.Text.Json;

namespace LlmOps.Collector.Tests.Observability;

/// <summary>One alert as a webhook receiver got it.</summary>
internal sealed record ReceivedAlert(DateTimeOffset At, JsonElement Alert)
{
    public string Status => Alert.TryGetProperty("status", out var s) ? s.GetString() ?? string.Empty : string.Empty;

    public string Label(string name) =>
        Alert.TryGetProperty("labels", out var l) && l.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : string.Empty;

    public string Annotation(string name) =>
        Alert.TryGetProperty("annotations", out var l) && l.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : string.Empty;
}
