using OpenTelemetry;

namespace LlmOps.Benchmarks.Sdk;

/// <summary>An exporter that drops everything, so the benchmark measures recording, not exporting.</summary>
internal sealed class DiscardingExporter<T> : BaseExporter<T>
    where T : class
{
    public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
}
