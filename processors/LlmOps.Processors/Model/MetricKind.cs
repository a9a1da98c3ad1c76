namespace LlmOps.Processors.Model;

internal enum MetricKind
{
    Gauge = 0,
    Sum = 1,
    Histogram = 2,
    ExponentialHistogram = 3,
    Summary = 4,
}
