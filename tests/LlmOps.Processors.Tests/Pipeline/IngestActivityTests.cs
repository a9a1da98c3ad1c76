using LlmOps.Processors.Pipeline;

namespace LlmOps.Processors.Tests.Pipeline;

public sealed class IngestActivityTests
{
    /// <summary>A time source the test moves by hand (the back-off after a wait that ran out).</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (10 * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, "condition not reached within 10 s");
            await Task.Delay(5);
        }
    }

    [Fact]
    public void WaitIdle_NothingInFlight_TrueWithoutWaiting()
    {
        using var activity = new IngestActivity();
        Assert.False(activity.IsBusy);
        Assert.True(activity.WaitIdle(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, activity.Waits);
    }

    [Fact]
    public async Task WaitIdle_ExportsInFlight_ReturnsOnlyWhenTheLastLeaves()
    {
        using var activity = new IngestActivity();
        activity.Enter(2);
        var waiter = Task.Factory.StartNew(() => activity.WaitIdle(TimeSpan.FromSeconds(30)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await EventuallyAsync(() => activity.Waiting == 1);

        activity.Exit();
        Assert.True(activity.IsBusy);
        Assert.Equal(1, activity.InFlight);
        Assert.False(waiter.IsCompleted);

        activity.Exit();
        Assert.True(await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(activity.IsBusy);
        Assert.Equal(1, activity.Waits);
    }

    [Fact]
    public void WaitIdle_RunsOut_NobodyWaitsDuringTheBackOff()
    {
        var time = new ManualTime();
        using var activity = new IngestActivity(time);
        activity.Enter();

        Assert.False(activity.WaitIdle(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(1, activity.Waits);

        // Within the back-off a caller is told "busy" at once: it does not wait (the count stays).
        time.Advance(IngestActivity.SaturatedBackOff - TimeSpan.FromMilliseconds(1));
        Assert.False(activity.WaitIdle(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, activity.Waits);

        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.False(activity.WaitIdle(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(2, activity.Waits);

        activity.Exit();
        Assert.True(activity.WaitIdle(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Exit_MoreThanEntered_ClampsAtIdle()
    {
        using var activity = new IngestActivity();
        activity.Enter();
        activity.Exit(3);
        Assert.Equal(0, activity.InFlight);
        activity.Enter();
        Assert.True(activity.IsBusy);
    }
}
