using LlmOps.Processors;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Metrics;

namespace LlmOps.Collector.Configuration;

/// <summary>Every component type the collector's YAML may name.</summary>
internal static class CollectorComponents
{
    public static ComponentRegistry Registry()
    {
        var registry = new ComponentRegistry()
            .Add(new OtlpReceiverFactory())
            .Add(new StorageExporterFactory())
            .AddBuiltInProcessors()
            .AddKpiMetricsExporter();
        return registry;
    }
}
