using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LlmOps.Processors.Evaluation.Judge;

/// <summary>
/// Asks an OpenAI-compatible <c>/v1/chat/completions</c> endpoint to grade an answer and reads back
/// <c>{"score": 0..1, "label": "...", "explanation": "..."}</c>. Timeouts, 429s (with <c>Retry-After</c>), server
/// errors and unreadable answers each come back as their own <see cref="JudgeStatus"/>; nothing is thrown but
/// cancellation of the caller's token.
/// </summary>
internal sealed class OpenAiCompatibleJudge
{
    private const string Rubric =
        "You are an evaluation judge. Grade the answer by the guidelines. Reply with only a JSON object: " +
        "{\"score\": <number from 0 to 1, on the scale the guidelines define>, \"label\": \"<one word>\", \"explanation\": \"<one sentence>\"}.";

    private readonly HttpClient _http;
    private readonly JudgeOptions _options;
    private readonly TimeProvider _time;

    public OpenAiCompatibleJudge(HttpClient http, JudgeOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
    }

    public async Task<JudgeVerdict> JudgeAsync(string guidelines, string prompt, CancellationToken cancellationToken)
    {
        var url = new Uri(ChatCompletionsUrl.For(_options.Endpoint));
        var body = BuildBody(guidelines, prompt);
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                if (!string.IsNullOrEmpty(_options.ApiKey))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
                }

                response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new JudgeVerdict(JudgeStatus.Timeout, null, null, null, $"the judge did not answer within {_options.Timeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException ex)
            {
                if (attempt < _options.MaxRetries)
                {
                    await DelayAsync(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return new JudgeVerdict(JudgeStatus.Error, null, null, null, $"judge unreachable: {ex.Message}");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
                {
                    if (attempt < _options.MaxRetries)
                    {
                        await DelayAsync(RetryDelay(response, attempt), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    return response.StatusCode == HttpStatusCode.TooManyRequests
                        ? new JudgeVerdict(JudgeStatus.RateLimited, null, null, null, $"the judge answered 429 after {attempt + 1} attempts")
                        : new JudgeVerdict(JudgeStatus.Error, null, null, null, $"the judge answered HTTP {status} after {attempt + 1} attempts");
                }

                if (!response.IsSuccessStatusCode)
                {
                    return new JudgeVerdict(JudgeStatus.Error, null, null, null, $"the judge answered HTTP {status}");
                }

                string text;
                try
                {
                    text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return new JudgeVerdict(JudgeStatus.Timeout, null, null, null, $"the judge's answer did not arrive within {_options.Timeout.TotalSeconds:0.#} s");
                }

                return Parse(text);
            }
        }
    }

    private string BuildBody(string guidelines, string prompt)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("model", _options.Model);
            w.WriteNumber("temperature", 0);
            w.WriteStartArray("messages");
            w.WriteStartObject();
            w.WriteString("role", "system");
            w.WriteString("content", string.IsNullOrWhiteSpace(guidelines) ? Rubric : Rubric + "\nGuidelines:\n" + guidelines);
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("role", "user");
            w.WriteString("content", prompt);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Reads the verdict out of a chat-completions response; code fences and prose around the JSON are tolerated.</summary>
    internal static JudgeVerdict Parse(string responseBody)
    {
        try
        {
            using var doc = JsonDocument.Parse(responseBody);
            var content = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
            var start = content.IndexOf('{', StringComparison.Ordinal);
            var end = content.LastIndexOf('}');
            if (start < 0 || end <= start)
            {
                return Malformed("the judge's reply holds no JSON object");
            }

            using var verdict = JsonDocument.Parse(content[start..(end + 1)]);
            var root = verdict.RootElement;
            if (!root.TryGetProperty("score", out var scoreEl))
            {
                return Malformed("the judge's JSON has no score");
            }

            double score;
            if (scoreEl.ValueKind == JsonValueKind.Number)
            {
                score = scoreEl.GetDouble();
            }
            else if (scoreEl.ValueKind != JsonValueKind.String || !double.TryParse(scoreEl.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out score))
            {
                return Malformed("the judge's score is not a number");
            }

            if (score > 1 && score <= 10)
            {
                // Judges sometimes grade out of 10 despite the rubric.
                score /= 10;
            }

            if (!double.IsFinite(score) || score < 0 || score > 1)
            {
                return Malformed($"the judge's score {score.ToString(CultureInfo.InvariantCulture)} is outside 0..1");
            }

            var label = root.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            var explanation = root.TryGetProperty("explanation", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return new JudgeVerdict(JudgeStatus.Ok, score, label ?? (score >= 0.5 ? "pass" : "fail"), explanation, null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return Malformed($"the judge's reply is not a chat completion with a JSON verdict ({ex.GetType().Name})");
        }
    }

    private static JudgeVerdict Malformed(string why) => new(JudgeStatus.Malformed, null, null, null, why);

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _time.GetUtcNow() : null);
        var chosen = delay is { } d && d > TimeSpan.Zero ? d : Backoff(attempt);
        return chosen > _options.MaxRetryDelay ? _options.MaxRetryDelay : chosen;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt));

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);
}
