using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmOps.LoadGen;

/// <summary>
/// Turns the collector's scoring off and on for an A/B run through its management API. Off: an evaluator that targets
/// no span is enabled and every other active evaluator disabled (with none active the built-ins would apply); on: those
/// are enabled again and the switch disabled. The collector reads the registry every 5 s.
/// </summary>
internal sealed class ScoringSwitch : IDisposable
{
    private const string Name = "loadgen-ab-switch";
    private readonly HttpClient _http;
    private readonly List<long> _scoring = [];
    private long _id;

    public ScoringSwitch(Uri management)
    {
        _http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Evaluators that score while scoring is on.</summary>
    public int Evaluators => _scoring.Count;

    /// <summary>
    /// Creates the switch, disabled (scoring on), replacing one a run that was interrupted left behind, and notes the
    /// active evaluators.
    /// </summary>
    public async Task CreateAsync()
    {
        using var existing = await _http.GetAsync(new Uri("/api/v1/evaluators?status=active", UriKind.Relative)).ConfigureAwait(false);
        existing.EnsureSuccessStatusCode();
        using (var list = JsonDocument.Parse(await existing.Content.ReadAsStringAsync().ConfigureAwait(false)))
        {
            var items = list.RootElement.ValueKind == JsonValueKind.Array ? list.RootElement : list.RootElement.GetProperty("items");
            foreach (var e in items.EnumerateArray())
            {
                var id = e.GetProperty("id").GetInt64();
                if (e.GetProperty("name").GetString() == Name)
                {
                    await SendAsync(HttpMethod.Delete, id, null).ConfigureAwait(false);
                }
                else
                {
                    _scoring.Add(id);
                }
            }
        }

        using var created = await _http.PostAsJsonAsync(
            new Uri("/api/v1/evaluators", UriKind.Relative),
            new { name = Name, kind = "builtin", scoreName = "conciseness", target = new { spanName = "loadgen-ab-matches-no-span" }, status = "disabled" }).ConfigureAwait(false);
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync().ConfigureAwait(false));
        _id = body.RootElement.GetProperty("id").GetInt64();
    }

    public async Task SetScoringAsync(bool on)
    {
        // The registry is never left without an active evaluator on the way.
        if (on)
        {
            foreach (var id in _scoring)
            {
                await SendAsync(HttpMethod.Post, id, "enable").ConfigureAwait(false);
            }

            await SendAsync(HttpMethod.Post, _id, "disable").ConfigureAwait(false);
        }
        else
        {
            await SendAsync(HttpMethod.Post, _id, "enable").ConfigureAwait(false);
            foreach (var id in _scoring)
            {
                await SendAsync(HttpMethod.Post, id, "disable").ConfigureAwait(false);
            }
        }
    }

    /// <summary>Scoring on again, the switch deleted.</summary>
    public async Task RemoveAsync()
    {
        await SetScoringAsync(on: true).ConfigureAwait(false);
        await SendAsync(HttpMethod.Delete, _id, null).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, long id, string? action)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/api/v1/evaluators/{id}{(action is null ? string.Empty : "/" + action)}");
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
