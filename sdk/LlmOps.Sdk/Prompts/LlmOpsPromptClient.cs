using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LlmOps.Sdk.Prompts;

/// <summary>
/// Client of the collector's prompt registry: resolves a prompt by name and label or version, caches it, revalidates
/// with <c>ETag</c>/<c>If-None-Match</c>, and when the collector is unreachable falls back to the last good copy and
/// then to an embedded default. One fetch per prompt runs at a time; after a failed one the fallback is served without
/// a request for <see cref="LlmOpsPromptClientOptions.FailureBackoff"/>.
/// </summary>
public sealed class LlmOpsPromptClient : IDisposable
{
    private const string ApiKeyHeader = "X-Api-Key";
    private const string PromptsPath = "api/v1/prompts/";

    private readonly LlmOpsPromptClientOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _baseAddress;
    private readonly ConcurrentDictionary<string, PromptCacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _retryAfter = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<FetchOutcome>> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _fetchGate = new();

    /// <summary>Creates the client.</summary>
    /// <param name="options">The options; <see cref="LlmOpsPromptClientOptions.BaseAddress"/> is required.</param>
    public LlmOpsPromptClient(LlmOpsPromptClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BaseAddress is null)
        {
            throw new ArgumentException("BaseAddress is required.", nameof(options));
        }

        _options = options;
        var text = options.BaseAddress.ToString();
        _baseAddress = new Uri(text.EndsWith('/') ? text : text + "/");
        _ownsHttp = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient();
    }

    /// <summary>Gets the prompt version that carries the given label.</summary>
    /// <param name="name">The prompt name.</param>
    /// <param name="label">The label, e.g. <c>production</c> or <c>test</c>.</param>
    /// <param name="defaultPrompt">The embedded default served when nothing else is available.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The prompt; see <see cref="LlmOpsPrompt.Source"/> for where it came from.</returns>
    public Task<LlmOpsPrompt> GetPromptAsync(string name, string label = "production", LlmOpsPrompt? defaultPrompt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(label);
        var query = "label=" + Uri.EscapeDataString(label);
        return ResolveAsync(name, query, label, defaultPrompt, cancellationToken);
    }

    /// <summary>Gets a specific prompt version.</summary>
    /// <param name="name">The prompt name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="defaultPrompt">The embedded default served when nothing else is available.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The prompt.</returns>
    public Task<LlmOpsPrompt> GetPromptVersionAsync(string name, int version, LlmOpsPrompt? defaultPrompt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        var query = "version=" + version.ToString(CultureInfo.InvariantCulture);
        return ResolveAsync(name, query, null, defaultPrompt, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<LlmOpsPrompt> ResolveAsync(string name, string query, string? label, LlmOpsPrompt? defaultPrompt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = name + "?" + query;
        var time = _options.TimeProvider;
        _cache.TryGetValue(key, out var cached);
        if (cached is not null && time.GetUtcNow() - cached.FetchedAt < _options.CacheDuration)
        {
            return cached.Prompt.WithSource(LlmOpsPromptSource.Cache, label);
        }

        // After a failed fetch the fallback is served at once for FailureBackoff, instead of every call waiting for a
        // collector that hangs; and one fetch per prompt runs at a time, shared by all callers.
        Exception? failure = null;
        if (!(_retryAfter.TryGetValue(key, out var retryAt) && time.GetUtcNow() < retryAt))
        {
            var outcome = await FetchSharedAsync(key, name, query, label).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.Prompt is not null)
            {
                return outcome.Prompt;
            }

            if (outcome.NotFound)
            {
                return defaultPrompt?.WithSource(LlmOpsPromptSource.EmbeddedDefault, label)
                    ?? throw new LlmOpsPromptException($"Prompt '{name}' ({query}) does not exist in the registry.");
            }

            failure = outcome.Failure;
            _cache.TryGetValue(key, out cached);
        }

        if (cached is not null)
        {
            return cached.Prompt.WithSource(LlmOpsPromptSource.LastKnownGood, label);
        }

        return defaultPrompt?.WithSource(LlmOpsPromptSource.EmbeddedDefault, label)
            ?? throw new LlmOpsPromptException($"Prompt '{name}' ({query}) could not be fetched and has no cached copy or default.", failure);
    }

    private Task<FetchOutcome> FetchSharedAsync(string key, string name, string query, string? label)
    {
        Task<FetchOutcome> task;
        lock (_fetchGate)
        {
            if (_inFlight.TryGetValue(key, out var running))
            {
                return running;
            }

            task = FetchAsync(key, name, query, label);
            if (task.IsCompleted)
            {
                return task;
            }

            _inFlight[key] = task;
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_fetchGate)
                {
                    _inFlight.Remove(key);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }

    private async Task<FetchOutcome> FetchAsync(string key, string name, string query, string? label)
    {
        var time = _options.TimeProvider;
        _cache.TryGetValue(key, out var cached);
        try
        {
            var uri = new Uri(_baseAddress, PromptsPath + Uri.EscapeDataString(name) + "/resolve?" + query);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (_options.ApiKey is not null)
            {
                request.Headers.TryAddWithoutValidation(ApiKeyHeader, _options.ApiKey);
            }

            if (cached?.ETag is not null)
            {
                request.Headers.IfNoneMatch.Add(cached.ETag);
            }

            using var timeout = new CancellationTokenSource(_options.RequestTimeout);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            _retryAfter.TryRemove(key, out _);
            if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
            {
                _cache[key] = cached with { FetchedAt = time.GetUtcNow() };
                return new FetchOutcome(cached.Prompt.WithSource(LlmOpsPromptSource.Registry, label), false, null);
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                _cache.TryRemove(key, out _);
                return new FetchOutcome(null, true, null);
            }

            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var prompt = Parse(body, label);
            _cache[key] = new PromptCacheEntry(prompt, response.Headers.ETag, time.GetUtcNow());
            return new FetchOutcome(prompt, false, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            _retryAfter[key] = time.GetUtcNow() + _options.FailureBackoff;
            return new FetchOutcome(null, false, ex);
        }
    }

    /// <summary>What one registry fetch found: the prompt, that it does not exist, or why it failed.</summary>
    private sealed record FetchOutcome(LlmOpsPrompt? Prompt, bool NotFound, Exception? Failure);

    private static LlmOpsPrompt Parse(byte[] body, string? label)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var name = root.GetProperty("name").GetString() ?? throw new FormatException("Prompt without a name.");
        var version = root.GetProperty("version").GetInt32();
        var template = root.GetProperty("template").GetString() ?? string.Empty;
        var labels = ReadStrings(root, "labels");
        var variables = root.TryGetProperty("variables", out _) ? ReadStrings(root, "variables") : null;
        JsonElement? config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c.Clone() : null;
        return new LlmOpsPrompt(name, version, labels, template, variables, config, LlmOpsPromptSource.Registry, label);
    }

    private static string[] ReadStrings(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var values = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.GetString() is { } value)
            {
                values.Add(value);
            }
        }

        return [.. values];
    }
}
