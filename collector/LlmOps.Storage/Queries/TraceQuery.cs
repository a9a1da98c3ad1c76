namespace LlmOps.Storage.Queries;

/// <summary>Filters, order and page of a trace search. Null filters are not applied; times are Unix nanoseconds.</summary>
internal sealed class TraceQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Traces that started at or after this time.</summary>
    public long? FromUnixNano { get; set; }

    /// <summary>Traces that started before this time.</summary>
    public long? ToUnixNano { get; set; }

    /// <summary>Exact name of the root span.</summary>
    public string? Name { get; set; }

    /// <summary>A request or response model used by any span of the trace.</summary>
    public string? Model { get; set; }

    public string? UserId { get; set; }

    public string? SessionId { get; set; }

    public TraceStatus? Status { get; set; }

    public double? MinDurationMs { get; set; }

    public double? MaxDurationMs { get; set; }

    public double? MinCostUsd { get; set; }

    public double? MaxCostUsd { get; set; }

    /// <summary>Words that must all occur in the trace's input or output text (case-insensitive, whole words).</summary>
    public string? Text { get; set; }

    public TraceSort Sort { get; set; } = TraceSort.StartTime;

    public bool Descending { get; set; } = true;

    public int Limit { get; set; } = DefaultLimit;

    /// <summary>Where the previous page ended; must have been produced for the same sort and direction.</summary>
    public TraceCursor? After { get; set; }
}
