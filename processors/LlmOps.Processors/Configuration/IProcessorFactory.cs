using LlmOps.Processors.Pipeline;

namespace LlmOps.Processors.Configuration;

internal interface IProcessorFactory : IComponentFactory
{
    /// <summary>Creates the processor; must not do I/O (processors are rebuilt when settings reload).</summary>
    ITelemetryProcessor Create(string id, object options, IServiceProvider services);
}
