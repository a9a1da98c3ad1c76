using LlmOps.Processors.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors.Feedback;

internal static class FeedbackProcessorRegistration
{
    public const string Type = "feedback";

    public static IProcessorFactory Factory { get; } = new ProcessorFactory<FeedbackProcessorOptions>(
        Type,
        new FeedbackProcessorOptionsValidator(),
        (id, options, services) => new FeedbackProcessor(id, new FeedbackAnalyzer(services.GetRequiredService<ISentimentClassifier>(), options)));
}
