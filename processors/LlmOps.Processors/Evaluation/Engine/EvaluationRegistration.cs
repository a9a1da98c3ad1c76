using LlmOps.Processors.Configuration;
using LlmOps.Processors.Evaluation.Judge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Evaluation.Engine;

internal static class EvaluationRegistration
{
    public const string Type = "evaluation";

    /// <summary>
    /// The <c>evaluation</c> exporter. Needs an <see cref="IEvaluationResultWriter"/> registered by the host; uses the
    /// registered <see cref="IEvaluationLogSink"/>, <see cref="ITraceContextSource"/>, <see cref="IFlaggedSpanSink"/> and
    /// registry <see cref="IEvaluatorSource"/> when present.
    /// </summary>
    public static IExporterFactory Factory { get; } = new ExporterFactory<EvaluationOptions>(
        Type,
        new EvaluationOptionsValidator(),
        (id, options, services) =>
        {
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            OpenAiCompatibleJudge? judge = null;
            if (options.Judge.IsConfigured)
            {
                var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("llmops-judge");
                judge = new OpenAiCompatibleJudge(http, options.Judge, time);
            }

            var engine = new EvaluationEngine(
                options,
                new ConfiguredEvaluatorSource(options, services.GetService<IEvaluatorSource>()),
                services.GetRequiredService<ScorerCatalog>().ByName,
                judge,
                services.GetRequiredService<IEvaluationResultWriter>(),
                services.GetService<IEvaluationLogSink>() ?? services.GetRequiredService<InMemoryEvaluationLog>(),
                services.GetService<ITraceContextSource>(),
                services.GetService<IFlaggedSpanSink>(),
                time,
                services.GetRequiredService<ILogger<EvaluationEngine>>(),
                services.GetService<Guardrails.GuardrailSettings>(),
                services.GetService<IScoreObserver>(),
                services.GetService<Pipeline.IngestActivity>());
            if (services.GetService<Metrics.MetricRegistry>() is { } registry)
            {
                engine.Metrics = new EvaluationMetrics(registry, id);
            }

            engine.Start();
            return new EvaluationExporter(id, engine);
        });

    public static IServiceCollection AddEvaluation(this IServiceCollection services)
    {
        services.AddHttpClient("llmops-judge");
        services.AddSingleton<InMemoryEvaluationLog>();
        services.AddSingleton(sp => new ScorerCatalog(sp.GetServices<IScorer>()));
        return services;
    }
}
