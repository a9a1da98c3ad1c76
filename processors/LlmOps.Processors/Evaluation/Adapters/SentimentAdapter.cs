using LlmOps.Processors.Feedback;
using LlmOps.Processors.Evaluation.Scorers;

namespace LlmOps.Processors.Evaluation.Adapters;

internal sealed class SentimentAdapter : ISentimentClassifier
{
    public double Sentiment(string text) => SentimentScorer.Compound(text);
}
