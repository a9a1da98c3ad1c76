namespace LlmOps.Processors.Drift;

/// <summary>
/// A dimension value's part in a change. <see cref="ExplainedShare"/> is its contribution ÷ the whole change;
/// <see cref="Score"/> is that share beyond the value's baseline traffic share (what a value would explain if the
/// change were spread evenly), which ranks dimensions.
/// </summary>
internal sealed record RcaCandidate(string Dimension, string Value, double Score, double ExplainedShare, bool NewValue);
