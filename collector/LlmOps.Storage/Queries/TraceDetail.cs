using LlmOps.Processors.Model;

namespace LlmOps.Storage.Queries;

/// <summary>A whole trace: its rollup, every stored span (ordered by start time) and the evaluation results linked to it.</summary>
internal sealed record TraceDetail(TraceSummary Summary, IReadOnlyList<SpanRecord> Spans, IReadOnlyList<EvaluationResultRecord> Evaluations);
