namespace LlmOps.Storage.Queries;

/// <summary>One row of the <c>sessions</c> rollup, recomputed from its traces whenever one of them changes.</summary>
internal sealed class SessionSummary
{
    public string SessionId { get; set; } = string.Empty;

    public string? UserId { get; set; }

    public long FirstSeenUnixNano { get; set; }

    public long LastSeenUnixNano { get; set; }

    public long TraceCount { get; set; }

    public long ErrorTraceCount { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long TotalTokens => InputTokens + OutputTokens;

    public double? CostUsd { get; set; }
}
