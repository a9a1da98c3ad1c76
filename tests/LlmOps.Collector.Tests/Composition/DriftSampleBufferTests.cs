using LlmOps.Collector.Composition;
using LlmOps.Processors.Drift;
using Xunit;

namespace LlmOps.Collector.Tests.Composition;

public sealed class DriftSampleBufferTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BelowThePerMinuteCap_KeepsEveryScore_AndSnapshotFiltersByTime()
    {
        var buffer = new DriftSampleBuffer(TimeSpan.FromMinutes(1), capacity: 1000, perSlice: 10, seed: 1);
        for (var i = 0; i < 30; i++)
        {
            // Three minutes, ten scores each, two names: all under the cap of ten per name and minute.
            buffer.Add(new ScoreSample(Start.AddSeconds(i * 6), i % 2 == 0 ? "hallucination" : "conciseness", i));
        }

        Assert.Equal(30, buffer.Count);
        Assert.Equal(30, buffer.Offered);
        Assert.Equal(30, buffer.Snapshot(Start).Count);
        var lastMinute = buffer.Snapshot(Start.AddMinutes(2));
        Assert.Equal(10, lastMinute.Count);
        Assert.All(lastMinute, s => Assert.True(s.Time >= Start.AddMinutes(2)));
    }

    [Fact]
    public void AboveTheCap_KeepsAUniformSampleOfTheMinute_AndBuildsOnlyWhatItKeeps()
    {
        var buffer = new DriftSampleBuffer(TimeSpan.FromMinutes(1), capacity: 100_000, perSlice: 100, seed: 42);
        var built = 0;
        for (var i = 0; i < 10_000; i++)
        {
            buffer.Add("correctness", Start.AddMilliseconds(i * 5), i, v =>
            {
                built++;
                return new ScoreSample(Start.AddMilliseconds(v * 5), "correctness", v);
            });
        }

        var kept = buffer.Snapshot(Start);
        Assert.Equal(100, kept.Count);
        Assert.Equal(10_000, buffer.Offered);

        // Reservoir sampling replaces about k·ln(n/k) ≈ 460 times after the first 100; far fewer builds than scores.
        Assert.InRange(built, 100, 1_500);

        // A uniform sample of 0..9999: mean near 5,000 (standard error ≈ 290) and values from both halves of the minute.
        var mean = kept.Average(s => s.Value);
        Assert.InRange(mean, 4_000, 6_000);
        Assert.Contains(kept, s => s.Value < 2_000);
        Assert.Contains(kept, s => s.Value > 8_000);
        Assert.Equal(100, kept.Select(s => s.Value).Distinct().Count());
    }

    [Fact]
    public void SliceFollowsTheCurrentWindow()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), DriftSampleBuffer.SliceFor(TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(1), DriftSampleBuffer.SliceFor(TimeSpan.FromDays(1)));
        Assert.Equal(TimeSpan.FromSeconds(10), DriftSampleBuffer.SliceFor(TimeSpan.FromMinutes(10)));

        // With 10-second slices, 30 scores in each of six slices of one minute are all kept.
        var buffer = new DriftSampleBuffer(TimeSpan.FromSeconds(10), capacity: 1_000, perSlice: 30, seed: 5);
        for (var i = 0; i < 180; i++)
        {
            buffer.Add(new ScoreSample(Start.AddMilliseconds(i * 334), "hallucination", i));
        }

        Assert.Equal(180, buffer.Count);
    }

    [Fact]
    public void ScoreNamesAreSampledSeparately()
    {
        var buffer = new DriftSampleBuffer(TimeSpan.FromMinutes(1), capacity: 100_000, perSlice: 5, seed: 7);
        for (var i = 0; i < 1_000; i++)
        {
            buffer.Add(new ScoreSample(Start, "toxicity", i));
        }

        for (var i = 0; i < 3; i++)
        {
            buffer.Add(new ScoreSample(Start, "pii_risk", i));
        }

        var kept = buffer.Snapshot(Start);
        Assert.Equal(5, kept.Count(s => s.ScoreName == "toxicity"));
        Assert.Equal(3, kept.Count(s => s.ScoreName == "pii_risk"));
    }

    [Fact]
    public void OverCapacity_TheOldestMinutesGoFirst_AndOlderScoresAreNotTaken()
    {
        var buffer = new DriftSampleBuffer(TimeSpan.FromMinutes(1), capacity: 20, perSlice: 10, seed: 3);
        for (var minute = 0; minute < 4; minute++)
        {
            for (var i = 0; i < 10; i++)
            {
                buffer.Add(new ScoreSample(Start.AddMinutes(minute).AddSeconds(i), "hallucination", minute));
            }
        }

        Assert.Equal(20, buffer.Count);
        var kept = buffer.Snapshot(Start);
        Assert.Equal([2.0, 3.0], kept.Select(s => s.Value).Distinct().Order());

        buffer.Add(new ScoreSample(Start, "hallucination", -1));
        Assert.DoesNotContain(buffer.Snapshot(Start), s => s.Value < 0);
        Assert.Equal(20, buffer.Count);
    }
}
