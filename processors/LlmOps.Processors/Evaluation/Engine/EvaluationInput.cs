using LlmOps.Processors.Evaluation.Text;
using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// What an evaluator sees of one GenAI call: question, answer, retrieved context and an optional expected answer.
/// The texts' analyses (tokens, stems) are computed once on first use and shared by every scorer of the span.
/// </summary>
internal sealed record EvaluationInput(
    string? Question,
    string? Answer,
    IReadOnlyList<string> ContextChunks,
    string? Expected,
    SpanRecord? Span)
{
    private TextAnalysis? _question;
    private TextAnalysis? _answer;
    private TextAnalysis[]? _context;

    public string Context => string.Join("\n\n", ContextChunks);

    public TextAnalysis? QuestionAnalysis => Question is null ? null : _question ??= TextAnalysis.Of(Question);

    public TextAnalysis? AnswerAnalysis => Answer is null ? null : _answer ??= TextAnalysis.Of(Answer);

    public IReadOnlyList<TextAnalysis> ContextAnalyses => _context ??= TextAnalysis.Of(ContextChunks);
}
