namespace LlmOps.Processors.Model;

/// <summary>What one pass of the pipeline works on: the spans, logs and metric points of one or more export requests.</summary>
internal sealed class TelemetryBatch
{
    public List<SpanRecord> Spans { get; } = [];

    public List<LogRecordModel> Logs { get; } = [];

    public List<MetricPointRecord> Metrics { get; } = [];

    public bool IsEmpty => Spans.Count == 0 && Logs.Count == 0 && Metrics.Count == 0;
}
