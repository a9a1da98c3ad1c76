namespace LlmOps.Processors.Guardrails;

/// <summary>One text the guardrails scanned on a span: the original, what it became, whether it was redacted and had findings.</summary>
internal readonly record struct ScannedText(string Original, string Result, bool Redacted, bool Found);
