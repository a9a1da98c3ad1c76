namespace LlmOps.Processors.Guardrails;

/// <summary>A span of text that looks like personal data: [Start, End) in UTF-16 units, its type and confidence 0..1.</summary>
internal readonly record struct PiiFinding(int Start, int End, string Type, double Confidence);
