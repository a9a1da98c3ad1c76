namespace LlmOps.Processors.Model;

/// <summary>
/// A <c>gen_ai.evaluation.result</c>: user feedback or a score, received from a client or produced by an evaluator.
/// </summary>
internal sealed class EvaluationResultRecord
{
    public string Name { get; set; } = string.Empty;

    public double? ScoreValue { get; set; }

    public string? ScoreLabel { get; set; }

    public string? Explanation { get; set; }

    public string? TraceId { get; set; }

    public string? SpanId { get; set; }

    public string? ResponseId { get; set; }

    public long TimeUnixNano { get; set; }

    /// <summary>Where it came from: <c>client</c> (received over OTLP) or the evaluator id that produced it.</summary>
    public string Source { get; set; } = "client";

    public string? UserId { get; set; }

    /// <summary>The scored span's <see cref="SpanRecord.StoreRowId"/>, for results the collector's evaluators produced.</summary>
    public long? SpanRow { get; set; }

    /// <summary>For feedback: <c>positive</c>, <c>negative</c> or <c>neutral</c>, set by the feedback processor.</summary>
    public string? Sentiment { get; set; }

    /// <summary>For feedback: recurring-issue categories found in the comment (e.g. <c>missing_safety_warning</c>).</summary>
    public IReadOnlyList<string> Issues { get; set; } = [];

    public bool IsFeedback => Source == "client";
}
