namespace LlmOps.Processors.Metrics;

/// <summary>What the KPI view remembers about a recent trace so that later feedback and scores can be attributed.</summary>
internal sealed class TraceInfo
{
    public string? SessionId { get; set; }

    public string? Model { get; set; }

    public string? PromptVersion { get; set; }

    public long StartUnixNano { get; set; }
}
