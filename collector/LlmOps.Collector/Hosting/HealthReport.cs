namespace LlmOps.Collector.Hosting;

internal sealed record HealthReport(string Status, IReadOnlyList<string> Reasons);
