using LlmOps.Processors.Drift;
using Xunit;

namespace LlmOps.Processors.Tests.Drift;

public sealed class DriftStatisticsTests
{
    [Fact]
    public void Psi_IdenticalProportions_Zero() => Assert.Equal(0, DriftStatistics.Psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 12);

    [Fact]
    public void Psi_KnownShift_MatchesFormula()
    {
        // (0.6-0.5)ln(0.6/0.5) + (0.4-0.5)ln(0.4/0.5)
        var expected = (0.1 * Math.Log(1.2)) + (-0.1 * Math.Log(0.8));
        Assert.Equal(expected, DriftStatistics.Psi([0.5, 0.5], [0.6, 0.4]), 12);
    }

    [Fact]
    public void JensenShannon_DisjointAndIdentical_OneAndZero()
    {
        Assert.Equal(1, DriftStatistics.JensenShannon([1, 0], [0, 1]), 12);
        Assert.Equal(0, DriftStatistics.JensenShannon([0.3, 0.7], [0.3, 0.7]), 12);
    }

    [Fact]
    public void KolmogorovSmirnov_SeparatedSamples_StatisticOneSmallP()
    {
        var r = DriftStatistics.KolmogorovSmirnov(Enumerable.Range(0, 50).Select(i => (double)i).ToArray(), Enumerable.Range(100, 50).Select(i => (double)i).ToArray());
        Assert.Equal(1, r.Statistic, 12);
        Assert.True(r.PValue < 1e-10);
    }

    [Fact]
    public void KolmogorovSmirnov_SameSample_ZeroAndPOne()
    {
        double[] a = [0.1, 0.2, 0.3, 0.4];
        var r = DriftStatistics.KolmogorovSmirnov(a, a);
        Assert.Equal(0, r.Statistic);
        Assert.Equal(1, r.PValue);
    }

    [Fact]
    public void KolmogorovSmirnov_HalfOverlap_StatisticHalf()
    {
        var r = DriftStatistics.KolmogorovSmirnov([1, 2, 3, 4], [3, 4, 5, 6]);
        Assert.Equal(0.5, r.Statistic, 12);
    }

    [Fact]
    public void KolmogorovQ_CriticalValue_FivePercent() => Assert.Equal(0.05, DriftStatistics.KolmogorovQ(1.358), 3);

    [Fact]
    public void Wasserstein1_ShiftedSamples_EqualsShift()
    {
        Assert.Equal(1, DriftStatistics.Wasserstein1([0, 0], [1, 1]), 12);
        Assert.Equal(0.5, DriftStatistics.Wasserstein1([0, 1], [0.5, 1.5]), 12);
        Assert.Equal(0, DriftStatistics.Wasserstein1([0.2, 0.4], [0.2, 0.4]), 12);
    }

    [Fact]
    public void TwoProportionZ_KnownValues_MatchesPooledFormula() => Assert.Equal(3.5355, DriftStatistics.TwoProportionZ(10, 100, 30, 100), 3);

    [Fact]
    public void Jaccard_Sets_IntersectionOverUnion() => Assert.Equal(1.0 / 3, DriftStatistics.Jaccard(new HashSet<string> { "a", "b" }, new HashSet<string> { "b", "c" }), 12);

    [Fact]
    public void QuantileCuts_DiscreteValues_DeduplicatedAndBinsAllValues()
    {
        double[] sorted = [0, 0, 0, 0, 1, 1, 1, 1];
        var cuts = DriftStatistics.QuantileCuts(sorted, 10);
        Assert.Equal([0.0], cuts);
        var p = DriftStatistics.Proportions(sorted, cuts);
        Assert.Equal(0.5, p[0], 3);
        Assert.Equal(0.5, p[1], 3);
    }
}
