using LlmOps.Processors.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors.Cost;

internal static class CostProcessorRegistration
{
    public const string Type = "cost";

    public static IProcessorFactory Factory { get; } = new ProcessorFactory<CostProcessorOptions>(
        Type,
        new CostProcessorOptionsValidator(),
        (id, options, services) => new CostProcessor(
            id,
            options,
            services.GetRequiredService<PriceTableProvider>().Get(options),
            services.GetRequiredService<CostStatistics>()));

    public static IServiceCollection AddCostProcessor(this IServiceCollection services)
    {
        services.AddSingleton<PriceTableProvider>();
        services.AddSingleton<CostStatistics>();
        return services;
    }
}
