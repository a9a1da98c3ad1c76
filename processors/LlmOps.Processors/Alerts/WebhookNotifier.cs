namespace LlmOps.Processors.Alerts;

/// <summary>
/// A generic webhook: <c>POST {url}</c> with <c>{"receiver":"llmops","status":"firing|resolved","alerts":[...]}</c>
/// (the shape of Alertmanager's own webhook, so existing handlers understand it).
/// </summary>
internal sealed class WebhookNotifier : IAlertNotifier
{
    private readonly HttpClient _http;
    private readonly Uri _url;

    public WebhookNotifier(HttpClient http, Uri url)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        _http = http;
        _url = url;
        Name = "webhook:" + url.Host;
    }

    public string Name { get; }

    public async Task SendAsync(IReadOnlyList<AlertNotification> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        using var content = AlertPayloads.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("version", "4");
            w.WriteString("receiver", "llmops");
            w.WriteString("status", alerts.All(a => a.Resolved) ? "resolved" : "firing");
            w.WriteStartArray("alerts");
            foreach (var a in alerts)
            {
                AlertPayloads.WriteAlert(w, a, withStatus: true);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        using var response = await _http.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
        await AlertPayloads.EnsureDeliveredAsync(response, Name, cancellationToken).ConfigureAwait(false);
    }
}
