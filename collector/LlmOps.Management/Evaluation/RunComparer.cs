using System.Globalization;

namespace LlmOps.Management.Evaluation;

/// <summary>Paired t-test on per-item scores; significance at α = 0.05.</summary>
internal static class RunComparer
{
    public const double Alpha = 0.05;

    public static RunComparison Compare(
        EvaluationRun baseline,
        IReadOnlyList<RunItemResult> baselineResults,
        EvaluationRun candidate,
        IReadOnlyList<RunItemResult> candidateResults,
        string? metric)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baselineResults);
        ArgumentNullException.ThrowIfNull(candidateResults);
        var shared = baseline.Evaluators.Intersect(candidate.Evaluators, StringComparer.Ordinal).ToList();
        var metricName = metric ?? "mean";
        double ItemScore(RunItemResult r) => metric is null
            ? shared.Average(m => r.Scores.TryGetValue(m, out var s) ? s.Score : 0)
            : r.Scores.TryGetValue(metric, out var s) ? s.Score : 0;

        var byItem = candidateResults.ToDictionary(r => r.ItemId);
        var pairs = baselineResults.Where(r => byItem.ContainsKey(r.ItemId))
            .Select(r => (A: ItemScore(r), B: ItemScore(byItem[r.ItemId])))
            .ToList();
        var n = pairs.Count;
        var meanA = n == 0 ? 0 : pairs.Average(p => p.A);
        var meanB = n == 0 ? 0 : pairs.Average(p => p.B);
        var diffs = pairs.Select(p => p.B - p.A).ToList();
        var meanDiff = n == 0 ? 0 : diffs.Average();
        double t, p, df = Math.Max(n - 1, 0);
        if (n < 2)
        {
            t = 0;
            p = 1;
        }
        else
        {
            var variance = diffs.Sum(d => (d - meanDiff) * (d - meanDiff)) / (n - 1);
            var se = Math.Sqrt(variance / n);
            if (se < 1e-12)
            {
                // Every item moved by the same amount: certain if that amount is not zero.
                t = Math.Abs(meanDiff) < 1e-12 ? 0 : double.PositiveInfinity * Math.Sign(meanDiff);
                p = Math.Abs(meanDiff) < 1e-12 ? 1 : 0;
            }
            else
            {
                t = meanDiff / se;
                p = StudentT.TwoSidedP(t, df);
            }
        }

        var significant = p < Alpha && Math.Abs(meanDiff) > 1e-12;
        var winner = !significant ? "none" : meanDiff > 0 ? "candidate" : "baseline";
        var confidence = 1 - p;
        var recommendation = winner switch
        {
            "candidate" => string.Create(CultureInfo.InvariantCulture, $"Promote run {candidate.Id} (prompt v{candidate.PromptVersion}, {candidate.Model}): {metricName} improves by {meanDiff:+0.###;-0.###} on {n} items (p = {p:0.####}, confidence {confidence:P1})."),
            "baseline" => string.Create(CultureInfo.InvariantCulture, $"Keep run {baseline.Id} (prompt v{baseline.PromptVersion}, {baseline.Model}): the candidate is worse by {-meanDiff:0.###} on {n} items (p = {p:0.####}, confidence {confidence:P1})."),
            _ => string.Create(CultureInfo.InvariantCulture, $"No significant difference on {n} items (p = {p:0.####}); keep the baseline or collect more items."),
        };
        return new RunComparison(baseline.Id, candidate.Id, metricName, n, meanA, meanB, meanDiff, "paired t-test", double.IsInfinity(t) ? (t > 0 ? double.MaxValue : double.MinValue) : t, df, p, significant, winner, confidence, recommendation);
    }
}
