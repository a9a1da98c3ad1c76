namespace LlmOps.Processors.Drift;

/// <summary>
/// One value of one dimension (e.g. <c>model = gpt-4o</c>) in the baseline and current windows: how many items it
/// had and the sum of the metric over them (mean = sum ÷ count; for additive metrics such as cost the sum itself).
/// </summary>
internal sealed record SliceStats(string Dimension, string Value, double BaselineCount, double BaselineSum, double CurrentCount, double CurrentSum);
