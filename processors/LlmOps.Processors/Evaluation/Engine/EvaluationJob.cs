using LlmOps.Processors.Model;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>One span waiting to be scored by the evaluators that target it, with any context found in its batch.</summary>
internal sealed record EvaluationJob(SpanRecord Span, IReadOnlyList<EvaluatorDefinition> Evaluators, IReadOnlyList<RetrievedDocument> Context, long EnqueuedTimestamp);
