namespace LlmOps.Processors.Feedback;

/// <summary>Scores the sentiment of a short text: -1 (very negative) .. +1 (very positive).</summary>
internal interface ISentimentClassifier
{
    double Sentiment(string text);
}
