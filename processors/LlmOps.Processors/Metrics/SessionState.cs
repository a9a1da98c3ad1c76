namespace LlmOps.Processors.Metrics;

/// <summary>Outcome signals of one session, for task completion and first-response accuracy.</summary>
internal sealed class SessionState
{
    public string FirstTraceId { get; set; } = string.Empty;

    public long FirstStartUnixNano { get; set; } = long.MaxValue;

    public bool HasFeedback { get; set; }

    public bool LastFeedbackPositive { get; set; }

    public long LastFeedbackUnixNano { get; set; } = long.MinValue;

    public bool FirstJudged { get; set; }

    public bool FirstPositive { get; set; }
}
