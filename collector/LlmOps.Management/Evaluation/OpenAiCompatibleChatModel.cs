using System.Net.Http.Json;
using System.Text.Json;

namespace LlmOps.Management.Evaluation;

/// <summary>
/// <c>POST {BaseUrl}/v1/chat/completions</c> with a bearer key from the configured environment variable; times out
/// after <see cref="ChatEndpointOptions.Timeout"/>. Errors become <see cref="ChatModelException"/> without the key.
/// </summary>
internal sealed class OpenAiCompatibleChatModel : IChatModel, IDisposable
{
    private readonly HttpClient _http;
    private readonly ChatEndpointOptions _options;
    private readonly TimeProvider _time;

    public OpenAiCompatibleChatModel(ChatEndpointOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.BaseUrl);

    public async Task<ChatModelResponse> CompleteAsync(ChatModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsConfigured)
        {
            throw new ChatModelException("no model endpoint is configured");
        }

        var url = ChatUrl(_options.BaseUrl!);
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new
            {
                model = request.Model,
                messages = new object[]
                {
                    new { role = "system", content = request.SystemPrompt },
                    new { role = "user", content = request.UserMessage },
                },
                temperature = request.Temperature,
                max_tokens = request.MaxTokens,
            }),
        };
        var key = string.IsNullOrEmpty(_options.ApiKey) ? Environment.GetEnvironmentVariable(_options.ApiKeyEnvironmentVariable) : _options.ApiKey;
        if (!string.IsNullOrEmpty(key))
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var started = _time.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ChatModelException($"the model endpoint answered HTTP {(int)response.StatusCode}");
            }

            using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false), default, timeout.Token).ConfigureAwait(false);
            var root = doc.RootElement;
            var text = root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
            long inTokens = 0, outTokens = 0;
            if (root.TryGetProperty("usage", out var usage))
            {
                inTokens = usage.TryGetProperty("prompt_tokens", out var p) ? p.GetInt64() : 0;
                outTokens = usage.TryGetProperty("completion_tokens", out var c) ? c.GetInt64() : 0;
            }

            return new ChatModelResponse(text, inTokens, outTokens, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatModelException($"the model endpoint did not answer within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new ChatModelException($"the model endpoint could not be reached: {e.HttpRequestError}", e);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ChatModelException("the model endpoint's answer is not a chat completion", e);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A base URL gets <c>/v1/chat/completions</c>, one ending in <c>/v1</c> gets <c>/chat/completions</c>, a full URL stays.</summary>
    internal static string ChatUrl(string endpoint)
    {
        var trimmed = endpoint.TrimEnd('/');
        if (trimmed.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            return trimmed;
        }

        return trimmed.EndsWith("/v1", StringComparison.Ordinal) ? trimmed + "/chat/completions" : trimmed + "/v1/chat/completions";
    }
}
