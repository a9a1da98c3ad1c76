using LlmOps.Processors.Pipeline;

namespace LlmOps.Processors.Configuration;

internal interface IExporterFactory : IComponentFactory
{
    ITelemetryExporter Create(string id, object options, IServiceProvider services);
}
