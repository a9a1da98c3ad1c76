using LlmOps.Processors.Configuration;
using LlmOps.Processors.Cost;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors;

/// <summary>Every processor type shipped with the collector, and the services they share.</summary>
internal static class BuiltInProcessors
{
    public static IReadOnlyList<IProcessorFactory> Factories { get; } =
    [
        CostProcessorRegistration.Factory,
    ];

    public static IServiceCollection AddBuiltInProcessors(this IServiceCollection services)
    {
        services.AddCostProcessor();
        return services;
    }

    public static ComponentRegistry AddBuiltInProcessors(this ComponentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var f in Factories)
        {
            registry.Add(f);
        }

        return registry;
    }
}
