namespace LlmOps.Processors.Pipeline;

/// <summary>An exporter and the signals routed to it by the pipelines that list it.</summary>
internal sealed record ExporterRoute(ITelemetryExporter Exporter, bool Traces, bool Metrics, bool Logs);
