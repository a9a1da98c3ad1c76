namespace LlmOps.Processors.Model;

/// <summary>What one pass of the pipeline works on: the spans, logs and metric points of one or more export requests.</summary>
internal sealed class TelemetryBatch
{
    public List<SpanRecord> Spans { get; } = [];

    public List<LogRecordModel> Logs { get; } = [];

    public List<MetricPointRecord> Metrics { get; } = [];

    /// <summary>
    /// Produced by the collector itself (evaluation results written back), not received from a client: the ingest
    /// queue passes it in bounded slices between client exports, so scoring never makes an export wait long. Nothing
    /// acknowledges it to a client, so the SQLite store commits it without its own fsync (the next client commit's
    /// fsync covers it; a process crash loses nothing, a power loss at most the last moments of scores).
    /// </summary>
    public bool Background { get; init; }

    /// <summary>Most items one background pass takes; producers of background batches hand them over in slices of this size.</summary>
    public const int BackgroundSlice = 250;

    public bool IsEmpty => Spans.Count == 0 && Logs.Count == 0 && Metrics.Count == 0;
}
