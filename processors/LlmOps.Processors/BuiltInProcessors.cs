using LlmOps.Processors.Configuration;
using LlmOps.Processors.Cost;
using LlmOps.Processors.Evaluation.Adapters;
using LlmOps.Processors.Evaluation.Engine;
using LlmOps.Processors.Feedback;
using LlmOps.Processors.Guardrails;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors;

/// <summary>Every processor type shipped with the collector, and the services they share.</summary>
internal static class BuiltInProcessors
{
    public static IReadOnlyList<IProcessorFactory> Factories { get; } =
    [
        CostProcessorRegistration.Factory,
        GuardrailsProcessorRegistration.Factory,
        FeedbackProcessorRegistration.Factory,
    ];

    /// <summary>Exporters defined in this project (the store and Prometheus exporters live with the collector).</summary>
    public static IReadOnlyList<IExporterFactory> ExporterFactories { get; } =
    [
        EvaluationRegistration.Factory,
        AnnotationRoutingExporter.Factory,
    ];

    public static IServiceCollection AddBuiltInProcessors(this IServiceCollection services)
    {
        services.AddCostProcessor();
        services.AddGuardrails();
        services.AddEvaluation();
        services.AddSingleton<IPiiDetector, PiiDetectorAdapter>();
        services.AddSingleton<IToxicityClassifier, ToxicityAdapter>();
        services.AddSingleton<ISentimentClassifier, SentimentAdapter>();
        foreach (var scorer in BuiltInScorers.Create())
        {
            services.AddSingleton(scorer);
        }

        return services;
    }

    public static ComponentRegistry AddBuiltInProcessors(this ComponentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var f in Factories)
        {
            registry.Add(f);
        }

        foreach (var f in ExporterFactories)
        {
            registry.Add(f);
        }

        return registry;
    }
}
