namespace LlmOps.Management.Evaluation;

internal sealed record MetricSummary(double Average, double Min, double Max, double PassRate, double Threshold);
