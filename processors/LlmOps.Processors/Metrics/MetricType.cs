namespace LlmOps.Processors.Metrics;

/// <summary>The Prometheus metric types LlmOps serves.</summary>
internal enum MetricType
{
    Counter = 0,
    Gauge = 1,
    Histogram = 2,
}
