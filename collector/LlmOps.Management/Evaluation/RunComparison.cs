namespace LlmOps.Management.Evaluation;

/// <summary>
/// Two runs compared on the items both scored: a paired t-test of per-item scores (<see cref="Metric"/>, or the mean
/// of all shared metrics), the winner (<c>baseline</c>, <c>candidate</c> or <c>none</c>) and the confidence (1 − p).
/// </summary>
internal sealed record RunComparison(
    long BaselineRunId,
    long CandidateRunId,
    string Metric,
    int PairedItems,
    double BaselineMean,
    double CandidateMean,
    double MeanDifference,
    string Test,
    double TStatistic,
    double DegreesOfFreedom,
    double PValue,
    bool Significant,
    string Winner,
    double Confidence,
    string Recommendation);
