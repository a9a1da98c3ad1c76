namespace LlmOps.Processors.Drift;

/// <summary>The dimension value that explains most of a change, and the text (at most two sentences) that says so.</summary>
internal sealed record RootCause(string Dimension, string Value, double ExplainedShare, bool NewValue, string Text, bool RefinedByLlm = false);
