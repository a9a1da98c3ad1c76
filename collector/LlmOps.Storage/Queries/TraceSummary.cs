namespace LlmOps.Storage.Queries;

/// <summary>One row of the <c>traces</c> rollup: what a trace list shows.</summary>
internal sealed class TraceSummary
{
    public string TraceId { get; set; } = string.Empty;

    /// <summary>Null until the root span has arrived (then <see cref="Name"/> is the earliest span's name).</summary>
    public string? RootSpanId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? ServiceName { get; set; }

    public long StartTimeUnixNano { get; set; }

    public long EndTimeUnixNano { get; set; }

    public double DurationMs { get; set; }

    public long SpanCount { get; set; }

    public long ErrorCount { get; set; }

    public TraceStatus Status { get; set; }

    public IReadOnlyList<string> Models { get; set; } = [];

    public string? UserId { get; set; }

    public string? SessionId { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Sum of the priced spans' cost; null when no span had a known cost.</summary>
    public double? CostUsd { get; set; }

    /// <summary>Input text of the trace's top-most GenAI call (the earliest span that has one).</summary>
    public string? InputText { get; set; }

    /// <summary>Output text of the trace's last GenAI answer (the latest-ending span that has one).</summary>
    public string? OutputText { get; set; }
}
