namespace LlmOps.Collector.Otlp;

internal enum OtlpSignal
{
    Traces = 0,
    Metrics = 1,
    Logs = 2,
}
