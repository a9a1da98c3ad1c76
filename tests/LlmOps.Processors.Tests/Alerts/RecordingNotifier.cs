using LlmOps.Processors.Alerts;

namespace LlmOps.Processors.Tests.Alerts;

/// <summary>Callback fake notifier: records what it is sent; can fail the first N attempts, or every attempt while <see cref="Down"/>.</summary>
internal sealed class RecordingNotifier(int failFirst = 0, string name = "recording") : IAlertNotifier
{
    private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public string Name => name;

    public List<AlertNotification> Sent { get; } = [];

    public int Calls => _calls;

    public bool Down { get; set; }

    /// <summary>Completes when a first notification has been recorded.</summary>
    public Task FirstSent => _firstSent.Task;

    public Task SendAsync(IReadOnlyList<AlertNotification> alerts, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) <= failFirst || Down)
        {
            throw new HttpRequestException("receiver down");
        }

        lock (Sent)
        {
            Sent.AddRange(alerts);
        }

        _firstSent.TrySetResult();
        return Task.CompletedTask;
    }
}
