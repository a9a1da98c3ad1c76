using LlmOps.Processors.Alerts;

namespace LlmOps.Processors.Tests.Alerts;

/// <summary>Callback fake notifier: records what it is sent; can fail the first N attempts.</summary>
internal sealed class RecordingNotifier(int failFirst = 0) : IAlertNotifier
{
    private int _calls;

    public string Name => "recording";

    public List<AlertNotification> Sent { get; } = [];

    public int Calls => _calls;

    public Task SendAsync(IReadOnlyList<AlertNotification> alerts, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) <= failFirst)
        {
            throw new HttpRequestException("receiver down");
        }

        lock (Sent)
        {
            Sent.AddRange(alerts);
        }

        return Task.CompletedTask;
    }
}
