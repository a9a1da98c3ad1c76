using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>What an evaluator sees of one GenAI call: question, answer, retrieved context and an optional expected answer.</summary>
internal sealed record EvaluationInput(
    string? Question,
    string? Answer,
    IReadOnlyList<string> ContextChunks,
    string? Expected,
    SpanRecord? Span)
{
    public string Context => string.Join("\n\n", ContextChunks);
}
