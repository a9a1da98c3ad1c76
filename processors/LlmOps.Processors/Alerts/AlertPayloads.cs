using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LlmOps.Processors.Alerts;

/// <summary>JSON bodies and response handling shared by the notifiers.</summary>
internal static class AlertPayloads
{
    public static void WriteAlert(Utf8JsonWriter w, AlertNotification a, bool withStatus)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        w.WriteStartObject();
        if (withStatus)
        {
            w.WriteString("status", a.Resolved ? "resolved" : "firing");
        }

        w.WriteStartObject("labels");
        foreach (var (k, v) in a.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        w.WriteStartObject("annotations");
        foreach (var (k, v) in a.Annotations.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        w.WriteString("startsAt", Rfc3339(a.StartsAt));
        w.WriteString("endsAt", Rfc3339(a.EndsAt));
        w.WriteString("generatorURL", a.GeneratorUrl);
        w.WriteEndObject();
    }

    public static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static StringContent Json(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            write(w);
        }

        return new StringContent(Encoding.UTF8.GetString(ms.ToArray()), Encoding.UTF8, "application/json");
    }

    /// <summary>Throws <see cref="HttpRequestException"/> (retryable) or <see cref="NonRetryableDeliveryException"/>.</summary>
    public static async Task EnsureDeliveredAsync(HttpResponseMessage response, string receiver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        body = body.Length > 300 ? body[..300] : body;
        var status = (int)response.StatusCode;
        var message = $"{receiver} answered {status}: {body}";
        if (status is >= 400 and < 500 && response.StatusCode is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests)
        {
            throw new NonRetryableDeliveryException(message);
        }

        throw new HttpRequestException(message, null, response.StatusCode);
    }
}
