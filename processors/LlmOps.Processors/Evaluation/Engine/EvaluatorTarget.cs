namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>Which spans an evaluator scores: every set field must match (case-insensitive; <c>*</c> suffix allowed).</summary>
internal sealed class EvaluatorTarget
{
    public string? SpanName { get; set; }

    public string? Model { get; set; }

    public string? Operation { get; set; }

    public string? PromptName { get; set; }

    public string? AttributeKey { get; set; }

    public string? AttributeValue { get; set; }
}
