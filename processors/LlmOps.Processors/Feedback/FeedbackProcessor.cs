using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using LlmOps.Sdk;

namespace LlmOps.Processors.Feedback;

/// <summary>
/// Analyses user feedback as it arrives (<c>gen_ai.evaluation.result</c> records from clients): sentiment
/// (positive/negative/neutral) and recurring-issue categories, kept on the record for storage, metrics and the
/// feedback summary (counts and top issues per period, each with example traces).
/// </summary>
internal sealed class FeedbackProcessor : ITelemetryProcessor
{
    public const string SentimentAttribute = "llmops.feedback.sentiment";
    public const string IssuesAttribute = "llmops.feedback.issues";

    private readonly FeedbackAnalyzer _analyzer;

    public FeedbackProcessor(string id, FeedbackAnalyzer analyzer)
    {
        Id = id;
        _analyzer = analyzer;
    }

    public string Id { get; }

    public ValueTask ProcessAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var log in batch.Logs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (log.Evaluation is not { IsFeedback: true } e)
            {
                continue;
            }

            var comment = e.Explanation ?? log.Attributes.GetString(SemanticConventions.LlmOpsFeedbackComment);
            e.Sentiment = _analyzer.Classify(e.ScoreValue, e.ScoreLabel, comment);
            e.Issues = e.Sentiment == "positive" ? [] : _analyzer.Issues(comment);
            log.Attributes.Set(SentimentAttribute, AttrValue.Of(e.Sentiment));
            if (e.Issues.Count > 0)
            {
                log.Attributes.Set(IssuesAttribute, AttrValue.Of([.. e.Issues.Select(AttrValue.Of)]));
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
    }
}
