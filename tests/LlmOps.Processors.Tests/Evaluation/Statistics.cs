namespace LlmOps.Processors.Tests.Evaluation;

/// <summary>Correlation coefficients for the accuracy tests.</summary>
internal static class Statistics
{
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's rho: Pearson over ranks, ties given their average rank.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) => Pearson(Ranks(x), Ranks(y));

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var k = 0;
        while (k < order.Length)
        {
            var end = k;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[k]])
            {
                end++;
            }

            var rank = ((k + end) / 2.0) + 1;
            for (var j = k; j <= end; j++)
            {
                ranks[order[j]] = rank;
            }

            k = end + 1;
        }

        return ranks;
    }
}
