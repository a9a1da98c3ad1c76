namespace LlmOps.Processors.Drift;

/// <summary>Distribution distances and tests on samples. Inputs named <c>sorted*</c> must be sorted ascending.</summary>
internal static class DriftStatistics
{
    /// <summary>Smoothing for empty bins so that logarithms stay finite.</summary>
    public const double Epsilon = 1e-4;

    /// <summary>
    /// Cut points between <paramref name="bins"/> bins at the baseline's quantiles (duplicates removed, so discrete
    /// scores get fewer bins). A value v falls in the first bin whose cut point is ≥ v.
    /// </summary>
    public static double[] QuantileCuts(ReadOnlySpan<double> sortedBaseline, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (sortedBaseline.Length == 0)
        {
            return [];
        }

        var cuts = new List<double>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            var idx = (int)Math.Ceiling(i * sortedBaseline.Length / (double)bins) - 1;
            var c = sortedBaseline[Math.Clamp(idx, 0, sortedBaseline.Length - 1)];
            if (cuts.Count == 0 || c > cuts[^1])
            {
                cuts.Add(c);
            }
        }

        // The largest value must not be a cut (it would leave the last bin empty by construction).
        if (cuts.Count > 0 && cuts[^1] >= sortedBaseline[^1])
        {
            cuts.RemoveAt(cuts.Count - 1);
        }

        return [.. cuts];
    }

    /// <summary>Share of values per bin (bins = cuts + 1), smoothed by <see cref="Epsilon"/> and renormalised.</summary>
    public static double[] Proportions(ReadOnlySpan<double> values, double[] cuts)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        var counts = new double[cuts.Length + 1];
        foreach (var v in values)
        {
            var i = Array.BinarySearch(cuts, v);
            counts[i >= 0 ? i : ~i]++;
        }

        var total = values.Length + (Epsilon * counts.Length);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = (counts[i] + Epsilon) / total;
        }

        return counts;
    }

    /// <summary>Population stability index Σ (q − p) ln(q / p).</summary>
    public static double Psi(double[] baseline, double[] current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        double psi = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            psi += (current[i] - baseline[i]) * Math.Log(current[i] / baseline[i]);
        }

        return psi;
    }

    /// <summary>Jensen-Shannon divergence in bits (0 identical … 1 disjoint).</summary>
    public static double JensenShannon(double[] p, double[] q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        double js = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2;
            if (p[i] > 0)
            {
                js += 0.5 * p[i] * Math.Log2(p[i] / m);
            }

            if (q[i] > 0)
            {
                js += 0.5 * q[i] * Math.Log2(q[i] / m);
            }
        }

        return Math.Max(0, js);
    }

    /// <summary>Two-sample KS statistic with the asymptotic Kolmogorov p-value (Stephens' small-sample correction).</summary>
    public static KsResult KolmogorovSmirnov(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        int n = sortedA.Length, m = sortedB.Length;
        if (n == 0 || m == 0)
        {
            return new KsResult(0, 1);
        }

        int i = 0, j = 0;
        double d = 0;
        while (i < n && j < m)
        {
            var x = Math.Min(sortedA[i], sortedB[j]);
            while (i < n && sortedA[i] <= x)
            {
                i++;
            }

            while (j < m && sortedB[j] <= x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / n) - ((double)j / m)));
        }

        var en = Math.Sqrt((double)n * m / (n + m));
        return new KsResult(d, KolmogorovQ((en + 0.12 + (0.11 / en)) * d));
    }

    /// <summary>Q(λ) = 2 Σ (−1)^(k−1) exp(−2k²λ²), the Kolmogorov distribution's tail.</summary>
    public static double KolmogorovQ(double lambda)
    {
        if (lambda < 1e-3)
        {
            return 1;
        }

        double sum = 0, sign = 1;
        for (var k = 1; k <= 100; k++)
        {
            var term = sign * Math.Exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12)
            {
                break;
            }

            sign = -sign;
        }

        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>Wasserstein-1 (earth mover's) distance ∫ |F_A − F_B| between two samples.</summary>
    public static double Wasserstein1(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        int n = sortedA.Length, m = sortedB.Length;
        if (n == 0 || m == 0)
        {
            return 0;
        }

        int i = 0, j = 0;
        double area = 0, prev = Math.Min(sortedA[0], sortedB[0]);
        while (i < n || j < m)
        {
            var x = j >= m || (i < n && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            area += Math.Abs(((double)i / n) - ((double)j / m)) * (x - prev);
            prev = x;
            while (i < n && sortedA[i] <= x)
            {
                i++;
            }

            while (j < m && sortedB[j] <= x)
            {
                j++;
            }
        }

        return area;
    }

    /// <summary>Two-proportion z statistic (pooled), positive when the current proportion is higher.</summary>
    public static double TwoProportionZ(double baselineHits, double baselineTotal, double currentHits, double currentTotal)
    {
        if (baselineTotal <= 0 || currentTotal <= 0)
        {
            return 0;
        }

        var p1 = baselineHits / baselineTotal;
        var p2 = currentHits / currentTotal;
        var p = (baselineHits + currentHits) / (baselineTotal + currentTotal);
        var se = Math.Sqrt(p * (1 - p) * ((1 / baselineTotal) + (1 / currentTotal)));
        return se <= 0 ? 0 : (p2 - p1) / se;
    }

    /// <summary>Welch's t statistic of the difference of means (current − baseline).</summary>
    public static double WelchT(double meanB, double varB, double nB, double meanC, double varC, double nC)
    {
        if (nB < 2 || nC < 2)
        {
            return 0;
        }

        var se = Math.Sqrt((varB / nB) + (varC / nC));
        return se <= 0 ? 0 : (meanC - meanB) / se;
    }

    /// <summary>|A ∩ B| ÷ |A ∪ B|; 1 when both are empty.</summary>
    public static double Jaccard<T>(IReadOnlySet<T> a, IReadOnlySet<T> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var inter = 0;
        foreach (var x in a)
        {
            if (b.Contains(x))
            {
                inter++;
            }
        }

        return (double)inter / (a.Count + b.Count - inter);
    }

    /// <summary>Weighted Jaccard Σ min(p, q) ÷ Σ max(p, q) of two frequency distributions.</summary>
    public static double WeightedJaccard(IReadOnlyDictionary<string, double> p, IReadOnlyDictionary<string, double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        double min = 0, max = 0;
        foreach (var (k, pv) in p)
        {
            var qv = q.GetValueOrDefault(k);
            min += Math.Min(pv, qv);
            max += Math.Max(pv, qv);
        }

        foreach (var (k, qv) in q)
        {
            if (!p.ContainsKey(k))
            {
                max += qv;
            }
        }

        return max <= 0 ? 1 : min / max;
    }
}
