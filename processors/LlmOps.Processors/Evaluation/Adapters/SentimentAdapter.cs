using LlmOps.Processors.Evaluation.Scorers;
using LlmOps.Processors.Feedback;

namespace LlmOps.Processors.Evaluation.Adapters;

internal sealed class SentimentAdapter : ISentimentClassifier
{
    public double Sentiment(string text) => SentimentScorer.Compound(text);
}
