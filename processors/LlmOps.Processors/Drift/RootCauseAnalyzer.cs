namespace LlmOps.Processors.Drift;

/// <summary>
/// Finds the dimension value that explains most of a change between two windows. For a mean metric the change of the
/// overall mean is split exactly over a dimension's values: value v contributes
/// <c>p_c(v)·(μ_c(v) − μ_b(v)) + (p_c(v) − p_b(v))·(μ_b(v) − μ_b)</c> (within-slice shift plus traffic-mix shift; a
/// value new in the current window uses the overall baseline mean μ_b). For an additive metric (cost) v contributes
/// <c>sum_c(v) − sum_b(v)</c>. A value's score is its share of the dimension's total absolute contribution in the
/// direction of the change minus its baseline share; the dimension with the highest-scoring value wins, so a change
/// spread evenly over all traffic names no dimension.
/// </summary>
internal static class RootCauseAnalyzer
{
    /// <summary>A winner must explain at least this much more than its traffic share.</summary>
    public const double MinScore = 0.15;

    /// <summary>
    /// Values that stand for "not set" (<c>none</c>, <c>unknown</c>, <c>other</c>, empty): they count in the totals but
    /// are never named as the cause, since there is nothing to roll back to or from (a prompt version "none").
    /// </summary>
    public static bool IsPlaceholder(string value) =>
        string.IsNullOrWhiteSpace(value) || value.Equals("none", StringComparison.OrdinalIgnoreCase)
        || value.Equals("unknown", StringComparison.OrdinalIgnoreCase) || value.Equals("other", StringComparison.OrdinalIgnoreCase);

    public static RcaCandidate? Analyze(IReadOnlyList<SliceStats> slices, bool additive, int minSlice = 10)
    {
        ArgumentNullException.ThrowIfNull(slices);
        RcaCandidate? best = null;
        foreach (var group in slices.GroupBy(s => s.Dimension, StringComparer.Ordinal))
        {
            var items = group.ToList();
            if (items.Count < 1)
            {
                continue;
            }

            double nb = 0, sb = 0, nc = 0, sc = 0;
            foreach (var s in items)
            {
                nb += s.BaselineCount;
                sb += s.BaselineSum;
                nc += s.CurrentCount;
                sc += s.CurrentSum;
            }

            if (nb <= 0 || nc <= 0)
            {
                continue;
            }

            var overallB = sb / nb;
            var delta = additive ? sc - sb : (sc / nc) - overallB;
            var contributions = new double[items.Count];
            double totalAbs = 0;
            for (var i = 0; i < items.Count; i++)
            {
                var s = items[i];
                if (additive)
                {
                    contributions[i] = s.CurrentSum - s.BaselineSum;
                }
                else
                {
                    var pb = s.BaselineCount / nb;
                    var pc = s.CurrentCount / nc;
                    var reference = s.BaselineCount >= minSlice ? s.BaselineSum / s.BaselineCount : overallB;
                    var within = s.CurrentCount > 0 ? pc * ((s.CurrentSum / s.CurrentCount) - reference) : 0;
                    contributions[i] = within + ((pc - pb) * (reference - overallB));
                }

                totalAbs += Math.Abs(contributions[i]);
            }

            if (totalAbs <= 0 || delta == 0)
            {
                continue;
            }

            var sign = Math.Sign(delta);
            for (var i = 0; i < items.Count; i++)
            {
                var s = items[i];
                var baselineShare = additive ? (sb > 0 ? s.BaselineSum / sb : 0) : s.BaselineCount / nb;
                var score = (sign * contributions[i] / totalAbs) - baselineShare;
                if (!IsPlaceholder(s.Value) && (best is null || score > best.Score))
                {
                    var explained = Math.Clamp(contributions[i] / delta, 0, 1);
                    best = new RcaCandidate(s.Dimension, s.Value, score, explained, s.BaselineCount < minSlice && s.CurrentCount > 0);
                }
            }
        }

        return best is not null && best.Score >= MinScore ? best : null;
    }

    /// <summary>
    /// Without an earlier window: the value whose metric stands out from the rest of the current window in the bad
    /// direction (<paramref name="direction"/> +1 when higher is worse, −1 when lower is worse). A value's excess is
    /// <c>p(v)·(μ(v) − μ)</c> (for additive metrics its sum above its share of the traffic); its score is its share of the
    /// dimension's positive excess minus its traffic share, and it must differ from the overall mean by at least 20%.
    /// </summary>
    public static RcaCandidate? AnalyzeWithinWindow(IReadOnlyList<SliceStats> slices, int direction, bool additive)
    {
        ArgumentNullException.ThrowIfNull(slices);
        RcaCandidate? best = null;
        foreach (var group in slices.GroupBy(s => s.Dimension, StringComparer.Ordinal))
        {
            var items = group.Where(s => s.CurrentCount > 0).ToList();
            double n = items.Sum(s => s.CurrentCount), sum = items.Sum(s => s.CurrentSum);
            if (items.Count < 2 || n <= 0)
            {
                continue;
            }

            var mean = sum / n;
            var excess = items.Select(s => direction * (additive ? s.CurrentSum - (sum * s.CurrentCount / n) : s.CurrentCount / n * ((s.CurrentSum / s.CurrentCount) - mean))).ToList();
            var positive = excess.Where(e => e > 0).Sum();
            if (positive <= 0)
            {
                continue;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var s = items[i];
                var share = s.CurrentCount / n;
                var sliceMean = additive ? s.CurrentSum / s.CurrentCount : s.CurrentSum / s.CurrentCount;
                var reference = additive ? sum / n : mean;
                var relative = Math.Abs(sliceMean - reference) / Math.Max(Math.Abs(reference), 1e-9);
                var score = (excess[i] / positive) - share;
                if (excess[i] > 0 && relative >= 0.2 && !IsPlaceholder(s.Value) && (best is null || score > best.Score))
                {
                    best = new RcaCandidate(s.Dimension, s.Value, score, Math.Clamp(excess[i] / positive, 0, 1), false);
                }
            }
        }

        return best is not null && best.Score >= MinScore ? best : null;
    }

    /// <summary>Builds per-dimension slices of a mean metric from samples (null dimension values become "(none)").</summary>
    public static List<SliceStats> Slices(IReadOnlyList<ScoreSample> baseline, IReadOnlyList<ScoreSample> current, Func<ScoreSample, double?> metric, IReadOnlyList<string>? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(metric);
        var result = new List<SliceStats>();
        foreach (var dimension in dimensions ?? RcaDimensions.All)
        {
            var acc = new Dictionary<string, double[]>(StringComparer.Ordinal);
            var informative = false;
            Accumulate(baseline, 0);
            Accumulate(current, 2);
            if (!informative || acc.Count < 1)
            {
                continue;
            }

            foreach (var (value, a) in acc)
            {
                result.Add(new SliceStats(dimension, value, a[0], a[1], a[2], a[3]));
            }

            void Accumulate(IReadOnlyList<ScoreSample> samples, int offset)
            {
                for (var i = 0; i < samples.Count; i++)
                {
                    var s = samples[i];
                    if (metric(s) is not { } m)
                    {
                        continue;
                    }

                    var v = RcaDimensions.ValueOf(s, dimension);
                    informative |= v is not null;
                    v ??= "(none)";
                    if (!acc.TryGetValue(v, out var a))
                    {
                        a = new double[4];
                        acc.Add(v, a);
                    }

                    a[offset]++;
                    a[offset + 1] += m;
                }
            }
        }

        return result;
    }
}
