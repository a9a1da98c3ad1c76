using LlmOps.Sdk.Context;

namespace LlmOps.Sdk.Feedback;

/// <summary>
/// One piece of user feedback on a model response, sent as a <c>gen_ai.evaluation.result</c> event correlated to the
/// response's chat span.
/// </summary>
public sealed class LlmOpsFeedback
{
    /// <summary>Creates feedback on the given response.</summary>
    /// <param name="target">The rated response.</param>
    public LlmOpsFeedback(LlmOpsResponseReference target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>Gets the rated response.</summary>
    public LlmOpsResponseReference Target { get; }

    /// <summary>Gets the evaluation name (<c>gen_ai.evaluation.name</c>); <c>user_feedback</c> by default.</summary>
    public string Name { get; init; } = SemanticConventions.LlmOpsFeedbackName;

    /// <summary>Gets the score (<c>gen_ai.evaluation.score.value</c>): 1 for thumbs up, 0 for thumbs down.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the label (<c>gen_ai.evaluation.score.label</c>), e.g. <c>positive</c>.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the user's free text (<c>gen_ai.evaluation.explanation</c>).</summary>
    public string? Comment { get; init; }

    /// <summary>Gets the id of the user giving the feedback.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the session the feedback belongs to.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets when the feedback was given; the time it was recorded when null.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Gets the kind recorded as <c>llmops.feedback.kind</c> (thumbs, score or comment).</summary>
    public string Kind { get; init; } = SemanticConventions.LlmOpsFeedbackKindScore;

    /// <summary>Creates thumbs-up feedback (score 1, label <c>positive</c>).</summary>
    /// <param name="target">The rated response.</param>
    /// <param name="comment">Optional free text.</param>
    /// <returns>The feedback.</returns>
    public static LlmOpsFeedback ThumbsUp(LlmOpsResponseReference target, string? comment = null) =>
        new(target)
        {
            Score = 1,
            Label = SemanticConventions.LlmOpsFeedbackLabelPositive,
            Comment = comment,
            Kind = SemanticConventions.LlmOpsFeedbackKindThumbs,
        };

    /// <summary>Creates thumbs-down feedback (score 0, label <c>negative</c>).</summary>
    /// <param name="target">The rated response.</param>
    /// <param name="comment">Optional free text.</param>
    /// <returns>The feedback.</returns>
    public static LlmOpsFeedback ThumbsDown(LlmOpsResponseReference target, string? comment = null) =>
        new(target)
        {
            Score = 0,
            Label = SemanticConventions.LlmOpsFeedbackLabelNegative,
            Comment = comment,
            Kind = SemanticConventions.LlmOpsFeedbackKindThumbs,
        };

    /// <summary>Creates a numeric score.</summary>
    /// <param name="target">The rated response.</param>
    /// <param name="score">The score, e.g. 1 to 5 or 0 to 1.</param>
    /// <param name="label">Optional label.</param>
    /// <param name="comment">Optional free text.</param>
    /// <returns>The feedback.</returns>
    public static LlmOpsFeedback FromScore(LlmOpsResponseReference target, double score, string? label = null, string? comment = null) =>
        new(target) { Score = score, Label = label, Comment = comment, Kind = SemanticConventions.LlmOpsFeedbackKindScore };

    /// <summary>Creates a free-text comment without a score.</summary>
    /// <param name="target">The rated response.</param>
    /// <param name="comment">The text.</param>
    /// <returns>The feedback.</returns>
    public static LlmOpsFeedback FromComment(LlmOpsResponseReference target, string comment) =>
        new(target) { Comment = comment, Kind = SemanticConventions.LlmOpsFeedbackKindComment };
}
