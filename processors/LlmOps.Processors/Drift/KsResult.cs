namespace LlmOps.Processors.Drift;

/// <summary>Two-sample Kolmogorov-Smirnov: the largest gap between the empirical CDFs and its asymptotic p-value.</summary>
internal readonly record struct KsResult(double Statistic, double PValue);
