namespace LlmOps.Processors.Alerts;

/// <summary>Alertmanager's API v2: <c>POST {base}/api/v2/alerts</c> with a JSON array of alerts.</summary>
internal sealed class AlertmanagerNotifier : IAlertNotifier
{
    private readonly HttpClient _http;
    private readonly Uri _alertsUri;

    public AlertmanagerNotifier(HttpClient http, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = http;
        _alertsUri = new Uri(baseAddress.ToString().TrimEnd('/') + "/api/v2/alerts");
        Name = "alertmanager";
    }

    public string Name { get; }

    public async Task SendAsync(IReadOnlyList<AlertNotification> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        using var content = AlertPayloads.Json(w =>
        {
            w.WriteStartArray();
            foreach (var a in alerts)
            {
                AlertPayloads.WriteAlert(w, a, withStatus: false);
            }

            w.WriteEndArray();
        });
        using var response = await _http.PostAsync(_alertsUri, content, cancellationToken).ConfigureAwait(false);
        await AlertPayloads.EnsureDeliveredAsync(response, Name, cancellationToken).ConfigureAwait(false);
    }
}
