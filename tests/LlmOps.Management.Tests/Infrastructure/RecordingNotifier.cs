using LlmOps.Processors.Alerts;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>Callback fake alert receiver (stands in for Alertmanager): records every notification it is sent.</summary>
internal sealed class RecordingNotifier : IAlertNotifier
{
    private readonly List<AlertNotification> _sent = [];

    public string Name => "recording";

    public IReadOnlyList<AlertNotification> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public IReadOnlyList<AlertNotification> For(string engineRuleId) => [.. Sent.Where(n => n.RuleId == engineRuleId)];

    public Task SendAsync(IReadOnlyList<AlertNotification> alerts, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.AddRange(alerts);
        }

        return Task.CompletedTask;
    }
}
