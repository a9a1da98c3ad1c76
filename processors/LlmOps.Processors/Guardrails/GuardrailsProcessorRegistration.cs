using LlmOps.Processors.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Guardrails;

internal static class GuardrailsProcessorRegistration
{
    public const string Type = "guardrails";

    /// <summary>
    /// Creating the processor (at start-up and on every config reload) publishes the file's thresholds to the shared
    /// <see cref="GuardrailSettings"/>; the settings API may change them afterwards without a restart.
    /// </summary>
    public static IProcessorFactory Factory { get; } = new ProcessorFactory<GuardrailsProcessorOptions>(
        Type,
        new GuardrailsProcessorOptionsValidator(),
        (id, options, services) =>
        {
            var settings = services.GetRequiredService<GuardrailSettings>();
            settings.Update(options.ToSnapshot());
            return new GuardrailsProcessor(
                id,
                options,
                settings,
                services.GetRequiredService<IPiiDetector>(),
                services.GetRequiredService<IToxicityClassifier>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger<GuardrailsProcessor>());
        });

    public static IServiceCollection AddGuardrails(this IServiceCollection services)
    {
        services.AddSingleton<GuardrailSettings>();
        return services;
    }
}
