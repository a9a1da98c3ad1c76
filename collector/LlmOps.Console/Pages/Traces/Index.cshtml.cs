using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Traces;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public static readonly string[] Filters = ["q", "name", "model", "user", "session", "status", "min_latency_ms", "max_latency_ms", "min_cost", "sort", "order", "limit"];

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public JsonNode? Listing { get; private set; }

    public JsonNode? Scores { get; private set; }

    public string Query => string.Join('&', Values.Select(v => v.Key + "=" + Q(v.Value)));

    public async Task OnGetAsync()
    {
        foreach (var f in Filters)
        {
            if (Request.Query.TryGetValue(f, out var v) && !string.IsNullOrWhiteSpace(v.ToString()))
            {
                Values[f] = v.ToString().Trim();
            }
        }

        var query = Query;
        if (Cursor is { Length: > 0 })
        {
            query += (query.Length > 0 ? "&" : string.Empty) + "cursor=" + Q(Cursor);
        }

        Listing = await GetAsync("/api/v1/traces" + (query.Length > 0 ? "?" + query : string.Empty)).ConfigureAwait(false);
        var ids = Rendering.J.Arr(Listing, "items").Select(t => Rendering.J.Str(t, "trace_id")).Where(i => i is not null).ToList();
        if (ids.Count > 0)
        {
            Scores = await GetAsync("/api/v1/dashboard/trace-scores?trace_id=" + string.Join(',', ids)).ConfigureAwait(false);
        }
    }

    public string Value(string name) => Values.TryGetValue(name, out var v) ? v : string.Empty;
}
