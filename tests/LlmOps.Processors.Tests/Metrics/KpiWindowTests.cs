using LlmOps.Processors.Alerts;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

public sealed class KpiWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Value_Window_OnlyCountsRecentMinutes()
    {
        var clock = new ManualTimeProvider(Start);
        var w = new KpiWindow(clock, KpiMetricsExporterOptions.GenAiDurationBuckets, TimeSpan.FromHours(49));
        w.RecordRequest("a", "v1", 1, isError: true, 1.0);
        clock.Advance(TimeSpan.FromMinutes(10));
        w.RecordRequest("a", "v1", 1, isError: false, 2.0);
        w.RecordRequest("a", "v1", 1, isError: false, 2.0);
        Assert.Equal(0, w.Value(AlertSignal.ErrorRate, TimeSpan.FromMinutes(5), clock.GetUtcNow()));
        Assert.Equal(1.0 / 3, w.Value(AlertSignal.ErrorRate, TimeSpan.FromHours(1), clock.GetUtcNow())!.Value, 6);
        Assert.Equal(5.0, w.Value(AlertSignal.CostUsd, TimeSpan.FromDays(1), clock.GetUtcNow()));
        Assert.Null(w.Value(AlertSignal.ContextRelevance, TimeSpan.FromHours(1), clock.GetUtcNow()));
    }

    [Fact]
    public void Value_LatencyP95_InterpolatesLikePrometheus()
    {
        var clock = new ManualTimeProvider(Start);
        var w = new KpiWindow(clock, [1, 10], TimeSpan.FromHours(1));
        for (var i = 0; i < 100; i++)
        {
            w.RecordRequest("a", null, 5, false, null);
        }

        Assert.Equal(1 + (9 * 0.95), w.Value(AlertSignal.LatencyP95, TimeSpan.FromMinutes(5), clock.GetUtcNow())!.Value, 6);
    }

    [Fact]
    public void Slices_ByModel_CurrentAgainstPreviousWindow()
    {
        var clock = new ManualTimeProvider(Start);
        var w = new KpiWindow(clock, [1], TimeSpan.FromHours(2)) { HallucinationThreshold = 0.5 };
        w.RecordScore("a", "v1", "hallucination", 0.1);
        clock.Advance(TimeSpan.FromMinutes(6));
        w.RecordScore("b", "v2", "hallucination", 0.9);
        var slices = w.Slices(AlertSignal.HallucinationRate, TimeSpan.FromMinutes(5), clock.GetUtcNow());
        Assert.Contains(slices, s => s.Dimension == "model" && s.Value == "a" && s.BaselineCount == 1 && s.CurrentCount == 0);
        Assert.Contains(slices, s => s.Dimension == "model" && s.Value == "b" && s.CurrentCount == 1 && s.CurrentSum == 1);
        Assert.Contains(slices, s => s.Dimension == "prompt_version" && s.Value == "v2");
    }
}
