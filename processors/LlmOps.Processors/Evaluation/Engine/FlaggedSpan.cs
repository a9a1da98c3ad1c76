namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>A span that tripped a guardrail or failed an evaluator, for the annotation queue named <see cref="Queue"/>.</summary>
internal sealed record FlaggedSpan(string TraceId, string SpanId, string Queue, string Rule, string Reason, string Severity, DateTimeOffset Time);
