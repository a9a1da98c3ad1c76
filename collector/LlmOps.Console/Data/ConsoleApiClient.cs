using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Ui.Data;

/// <summary>
/// The console's only way to data: HTTP calls to the collector's own <c>/api/v1</c> on the listener the page request
/// came in on (the management listener), so the console shows exactly what the API serves. The reviewer's API key
/// (cookie <see cref="ApiKeyCookie"/>, set on the Settings page) travels as <c>X-Api-Key</c> on every call.
/// </summary>
internal sealed class ConsoleApiClient : IDisposable
{
    public const string ApiKeyCookie = "llmops-api-key";

    /// <summary>
    /// How deep an answer may nest: the limit of the API's JSON writers (<c>Utf8JsonWriter</c>'s default), so that every
    /// answer the API can write is read. A trace's span tree takes about two levels a span (up to 101 levels nested) and
    /// a stored attribute value up to about 90 (20 levels of key-value lists); the reader's default of 64 failed at a
    /// chain of 30 spans.
    /// </summary>
    public const int MaxJsonDepth = 1000;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxJsonDepth };
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;

    public ConsoleApiClient()
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        {
            Timeout = Timeout,
        };
    }

    public Task<ApiResult> GetAsync(HttpContext context, string path) => SendAsync(context, HttpMethod.Get, path, null);

    public Task<ApiResult> PostAsync(HttpContext context, string path, JsonNode? body = null) => SendAsync(context, HttpMethod.Post, path, body ?? new JsonObject());

    public Task<ApiResult> PutAsync(HttpContext context, string path, JsonNode body) => SendAsync(context, HttpMethod.Put, path, body);

    public Task<ApiResult> DeleteAsync(HttpContext context, string path) => SendAsync(context, HttpMethod.Delete, path, null);

    public async Task<ApiResult> SendAsync(HttpContext context, HttpMethod method, string path, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var request = Request(context, method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
            return Read((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
        }
        catch (HttpRequestException ex)
        {
            return new ApiResult(0, null, "The API could not be reached: " + ex.Message);
        }
    }

    /// <summary>
    /// One answer as the pages use it. A JSON body that cannot be read is an error (shown on the page), also with a
    /// success status: the page must not render as if there were no data.
    /// </summary>
    public static ApiResult Read(int status, string? mediaType, string text)
    {
        JsonNode? json = null;
        if (text.Length > 0 && mediaType is not null && mediaType.Contains("json", StringComparison.Ordinal))
        {
            try
            {
                json = JsonNode.Parse(text, documentOptions: ReadOptions);
            }
            catch (JsonException ex)
            {
                return new ApiResult(status, null, $"The API's answer ({status}) could not be read: {ex.Message}");
            }
        }

        return new ApiResult(status, json, status is >= 200 and < 300 ? null : ApiResult.ProblemText(json, status));
    }

    /// <summary>Streams an API response (e.g. a CSV export) straight to the page's response.</summary>
    public async Task ProxyAsync(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var request = Request(context, HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        if (response.Content.Headers.ContentDisposition is { } disposition)
        {
            context.Response.Headers.ContentDisposition = disposition.ToString();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(HttpContext context, HttpMethod method, string path)
    {
        var connection = context.Connection;
        var address = connection.LocalIpAddress ?? IPAddress.Loopback;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var request = new HttpRequestMessage(method, new Uri($"http://{host}:{connection.LocalPort}{path}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (context.Request.Cookies.TryGetValue(ApiKeyCookie, out var key) && !string.IsNullOrEmpty(key))
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        }

        return request;
    }
}
