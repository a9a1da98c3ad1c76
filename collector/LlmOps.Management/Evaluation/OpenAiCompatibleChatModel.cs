using System.Net.Http.Json;
using System.Text.Json;
using LlmOps.Processors.Configuration;
using LlmOps.Processors.Evaluation.Judge;

namespace LlmOps.Management.Evaluation;

/// <summary>
/// <c>POST {BaseUrl}/v1/chat/completions</c> with a bearer key from the configured environment variable; times out
/// after <see cref="RunModelOptions.Timeout"/>. Errors become <see cref="ChatModelException"/> without the key.
/// </summary>
internal sealed class OpenAiCompatibleChatModel : IChatModel, IDisposable
{
    private readonly HttpClient _http;
    private readonly RunModelOptions _options;
    private readonly TimeProvider _time;

    public OpenAiCompatibleChatModel(RunModelOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.Endpoint);

    public async Task<ChatModelResponse> CompleteAsync(ChatModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsConfigured)
        {
            throw new ChatModelException("no model endpoint is configured");
        }

        var url = ChatCompletionsUrl.For(_options.Endpoint);
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
        var key = _options.ApiKey;
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
}
