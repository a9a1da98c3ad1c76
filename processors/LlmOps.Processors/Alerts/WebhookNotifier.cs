using System.Net.Http.Headers;
using System.Text;

namespace LlmOps.Processors.Alerts;

/// <summary>
/// A generic webhook: <c>POST {url}</c> with <c>{"receiver":"llmops","status":"firing|resolved","alerts":[...]}</c>
/// (the shape of Alertmanager's own webhook, so existing handlers understand it). Credentials in the URL
/// (<c>https://user:password@host/...</c>) are sent as HTTP Basic authentication and left out of the request URL. The
/// URL is a secret (chat webhooks keep their key in the path): only <see cref="Name"/> (the host) is ever logged.
/// </summary>
internal sealed class WebhookNotifier : IAlertNotifier
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <param name="name">The receiver's name in metrics and logs; default <c>webhook:{host}</c>.</param>
    public WebhookNotifier(HttpClient http, Uri url, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        _http = http;
        _url = url;
        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            var credentials = Uri.UnescapeDataString(parts[0]) + ":" + (parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            _url = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
        }

        Name = name ?? "webhook:" + url.Host;
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
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = content };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await AlertPayloads.EnsureDeliveredAsync(response, Name, cancellationToken).ConfigureAwait(false);
    }
}
