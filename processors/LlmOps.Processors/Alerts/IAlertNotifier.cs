namespace LlmOps.Processors.Alerts;

/// <summary>Delivers alerts to one receiver; throws on failure (the engine retries).</summary>
internal interface IAlertNotifier
{
    string Name { get; }

    Task SendAsync(IReadOnlyList<AlertNotification> alerts, CancellationToken cancellationToken);
}
