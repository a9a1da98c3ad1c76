namespace LlmOps.Processors.Model;

/// <summary>A guardrail that a span tripped: the rule (e.g. <c>pii</c>, <c>toxicity</c>), why, and the queue it goes to.</summary>
internal sealed record GuardrailFlag(string Rule, string Reason, string Severity, string? Queue);
