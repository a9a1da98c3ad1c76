namespace LlmOps.Processors.Evaluation.Scorers;

/// <summary>A ROUGE precision/recall/F1 triple, each in [0, 1].</summary>
internal readonly record struct RougeScore(double Precision, double Recall, double FMeasure)
{
    public static RougeScore FromCounts(double hits, double predictionTotal, double targetTotal)
    {
        var precision = predictionTotal > 0 ? hits / predictionTotal : 0;
        var recall = targetTotal > 0 ? hits / targetTotal : 0;
        var f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new RougeScore(precision, recall, f);
    }
}
