namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>A BLEU result with the sufficient statistics it was computed from.</summary>
/// <param name="Score">BLEU on sacreBLEU's 0–100 scale.</param>
/// <param name="Correct">Clipped n-gram matches per order (index 0 = unigrams).</param>
/// <param name="Total">Hypothesis n-gram counts per order.</param>
/// <param name="Precisions">Per-order precisions (0–100) after smoothing.</param>
/// <param name="BrevityPenalty">The brevity penalty in [0, 1].</param>
/// <param name="HypothesisLength">System length in tokens.</param>
/// <param name="ReferenceLength">Effective reference length in tokens.</param>
internal sealed record BleuScore(
    double Score,
    IReadOnlyList<double> Correct,
    IReadOnlyList<double> Total,
    IReadOnlyList<double> Precisions,
    double BrevityPenalty,
    int HypothesisLength,
    int ReferenceLength)
{
    /// <summary>BLEU on a 0–1 scale.</summary>
    public double Normalized => Score / 100.0;
}
