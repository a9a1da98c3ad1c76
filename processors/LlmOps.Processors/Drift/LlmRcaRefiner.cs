using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LlmOps.Processors.Drift;

/// <summary>
/// Refines root-cause text through an OpenAI-compatible endpoint (<c>POST {endpoint}/v1/chat/completions</c>). Any
/// failure, timeout or unusable answer keeps the deterministic text; the answer is cut to two sentences.
/// </summary>
internal sealed class LlmRcaRefiner : IRcaRefiner
{
    private const int MaxLength = 600;
    private readonly HttpClient _http;
    private readonly RcaLlmOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public LlmRcaRefiner(HttpClient http, RcaLlmOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<string?> RefineAsync(string deterministicText, IReadOnlyDictionary<string, string> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deterministicText);
        ArgumentNullException.ThrowIfNull(facts);
        if (!_options.Enabled)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, CompletionsUri(_options.Endpoint))
            {
                Content = new StringContent(Body(deterministicText, facts), Encoding.UTF8, "application/json"),
            };
            if (!string.IsNullOrEmpty(_options.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }

            using var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _logger.LogWarning("RCA refinement endpoint answered {Status}; keeping the deterministic text", (int)response.StatusCode);
                return null;
            }

            var json = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return Clean(Extract(json));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("RCA refinement timed out after {Timeout}; keeping the deterministic text", _options.Timeout);
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            _logger.LogWarning("RCA refinement failed ({Error}); keeping the deterministic text", ex.GetType().Name);
            return null;
        }
    }

    internal static Uri CompletionsUri(string endpoint)
    {
        var trimmed = endpoint.TrimEnd('/');
        if (trimmed.EndsWith("/v1", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^3];
        }

        return new Uri(trimmed + "/v1/chat/completions");
    }

    /// <summary>At most two sentences and <see cref="MaxLength"/> characters; null when nothing usable is left.</summary>
    internal static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Replace('\n', ' ').Replace('\r', ' ').Trim().Trim('"').Trim();
        var sentences = 0;
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i] is '.' or '!' or '?' && (i + 1 == t.Length || t[i + 1] == ' '))
            {
                sentences++;
                if (sentences == 2)
                {
                    t = t[..(i + 1)];
                    break;
                }
            }
        }

        if (t.Length > MaxLength)
        {
            t = t[..MaxLength].TrimEnd() + "…";
        }

        return t.Length < 10 ? null : t;
    }

    private string Body(string text, IReadOnlyDictionary<string, string> facts)
    {
        var factLines = string.Join("\n", facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"- {f.Key}: {f.Value}"));
        var payload = new Dictionary<string, object>
        {
            ["model"] = _options.Model,
            ["temperature"] = 0,
            ["max_tokens"] = 200,
            ["messages"] = new object[]
            {
                new Dictionary<string, string>
                {
                    ["role"] = "system",
                    ["content"] = "You explain quality changes of an LLM application to its operators. Answer with at most two sentences: "
                        + "the cause (name the dimension and value you are given), then one concrete action. Do not invent facts.",
                },
                new Dictionary<string, string>
                {
                    ["role"] = "user",
                    ["content"] = $"Draft: {text}\nFacts:\n{factLines}",
                },
            },
        };
        return JsonSerializer.Serialize(payload);
    }

    private static string? Extract(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var choices = doc.RootElement.GetProperty("choices");
        if (choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return null;
        }

        var message = choices[0].GetProperty("message");
        return message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null;
    }
}
