using LlmOps.Processors.Feedback;
using LlmOps.Processors.Model;

namespace LlmOps.Processors.Tests.Feedback;

public sealed class FeedbackProcessorTests
{
    private sealed class KeywordSentiment : ISentimentClassifier
    {
        public double Sentiment(string text) =>
            text.Contains("great", StringComparison.OrdinalIgnoreCase) ? 0.8 : text.Contains("bad", StringComparison.OrdinalIgnoreCase) ? -0.7 : 0;
    }

    private static FeedbackProcessor Create() => new("feedback", new FeedbackAnalyzer(new KeywordSentiment(), new FeedbackProcessorOptions()));

    private static LogRecordModel Feedback(double? score, string? label, string? comment) =>
        new() { Evaluation = new EvaluationResultRecord { Name = "user_feedback", ScoreValue = score, ScoreLabel = label, Explanation = comment } };

    [Theory]
    [InlineData(1.0, null, null, "positive")]
    [InlineData(0.0, null, null, "negative")]
    [InlineData(null, "thumbs_down", "great answer", "negative")]
    [InlineData(null, null, "great answer", "positive")]
    [InlineData(null, null, "bad answer", "negative")]
    [InlineData(0.5, null, "it was fine", "neutral")]
    [InlineData(5.0, null, null, "positive")]
    [InlineData(1.5, null, null, "negative")]
    public async Task ProcessAsync_Feedback_ClassifiedBySentiment(double? score, string? label, string? comment, string expected)
    {
        using var p = Create();
        var log = Feedback(score, label, comment);
        var batch = new TelemetryBatch();
        batch.Logs.Add(log);

        await p.ProcessAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(expected, log.Evaluation!.Sentiment);
        Assert.Equal(expected, log.Attributes.GetString(FeedbackProcessor.SentimentAttribute));
    }

    [Fact]
    public async Task ProcessAsync_NegativeComment_MinesIssueCategories()
    {
        using var p = Create();
        var log = Feedback(0, null, "Bad: this is the old procedure and there is no warning about lockout.");
        var batch = new TelemetryBatch();
        batch.Logs.Add(log);

        await p.ProcessAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["outdated_procedure", "missing_safety_warning"], log.Evaluation!.Issues);
    }

    [Fact]
    public async Task ProcessAsync_ScoresFromEvaluators_Ignored()
    {
        using var p = Create();
        var log = new LogRecordModel { Evaluation = new EvaluationResultRecord { Name = "groundedness", ScoreValue = 0.1, Source = "builtin-hallucination" } };
        var batch = new TelemetryBatch();
        batch.Logs.Add(log);

        await p.ProcessAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(log.Evaluation!.Sentiment);
    }
}
