using LlmOps.Processors.Evaluation.Engine;

namespace LlmOps.Processors.Tests.Evaluation.Engine;

public sealed class RecentRetrievalsTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static long At(TimeSpan t) => (long)(t.TotalSeconds * Clock.TimestampFrequency);

    [Fact]
    public void TryAnswer_SoonAfterStart_AsksTheStore()
    {
        var recent = new RecentRetrievals(10, At(TimeSpan.Zero));
        Assert.False(recent.TryAnswer("t1", At(TimeSpan.FromMinutes(1)), Clock, out _));
    }

    [Fact]
    public void TryAnswer_KnownRetrievalTrace_AnswersYesAtAnyTime()
    {
        var recent = new RecentRetrievals(10, At(TimeSpan.Zero));
        recent.Add("t1", At(TimeSpan.FromSeconds(1)));
        Assert.True(recent.TryAnswer("t1", At(TimeSpan.FromSeconds(2)), Clock, out var has));
        Assert.True(has);
    }

    [Fact]
    public void TryAnswer_UnknownTraceOnceCovered_AnswersNo()
    {
        var recent = new RecentRetrievals(10, At(TimeSpan.Zero));
        Assert.True(recent.TryAnswer("t2", At(RecentRetrievals.Margin + TimeSpan.FromSeconds(1)), Clock, out var has));
        Assert.False(has);
    }

    [Fact]
    public void TryAnswer_AfterARecentEviction_AsksTheStoreAgain()
    {
        var recent = new RecentRetrievals(2, At(TimeSpan.Zero));
        var late = TimeSpan.FromMinutes(30);
        recent.Add("a", At(late));
        recent.Add("b", At(late));
        recent.Add("c", At(late)); // evicts "a" at 30 min
        Assert.False(recent.TryAnswer("a", At(late + TimeSpan.FromMinutes(1)), Clock, out _));
        Assert.True(recent.TryAnswer("a", At(late + RecentRetrievals.Margin), Clock, out var has));
        Assert.False(has);
        Assert.True(recent.TryAnswer("c", At(late + TimeSpan.FromMinutes(1)), Clock, out var hasC));
        Assert.True(hasC);
    }
}
