using System.Threading.Channels;
using LlmOps.Processors.Alerts;

namespace LlmOps.Processors.Tests.Alerts;

/// <summary>Callback fake of a receiver that accepts the request and never answers (until the attempt is cancelled).</summary>
internal sealed class HangingNotifier : IAlertNotifier
{
    private readonly Channel<int> _attempts = Channel.CreateUnbounded<int>();

    public string Name => "hanging";

    /// <summary>Completes when one more attempt is waiting.</summary>
    public Task NextAttemptAsync() => _attempts.Reader.ReadAsync().AsTask();

    public async Task SendAsync(IReadOnlyList<AlertNotification> alerts, CancellationToken cancellationToken)
    {
        _attempts.Writer.TryWrite(0);
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
    }
}
