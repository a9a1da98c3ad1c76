using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Traces;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    /// <summary>Trace ids per score request: 100 ids make a query string of about 3.3 KB.</summary>
    public const int ScoreIdsPerRequest = 100;

    /// <summary>
    /// The score columns: one evaluator each, headed with its direction (docs/evaluation-rubric.md): hallucination is a
    /// risk (higher is worse), the others are qualities.
    /// </summary>
    public static readonly (string Name, string Heading, bool HigherIsBetter)[] ScoreColumns =
    [
        ("hallucination", "Hallucination", false), ("groundedness", "Groundedness", true),
        ("context_relevance", "Context relevance", true), ("conciseness", "Conciseness", true),
    ];

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
        Scores = await ScoresAsync(ids).ConfigureAwait(false);
    }

    /// <summary>
    /// The listed traces' scores, asked for <see cref="ScoreIdsPerRequest"/> traces at a time: all of a page's ids in one
    /// query string would pass the server's 8 KiB request-line limit at about 245 traces (the API serves pages of 500).
    /// </summary>
    private async Task<JsonNode?> ScoresAsync(List<string?> ids)
    {
        if (ids.Count == 0)
        {
            return null;
        }

        var items = new JsonObject();
        foreach (var chunk in ids.Chunk(ScoreIdsPerRequest))
        {
            if (await GetAsync("/api/v1/dashboard/trace-scores?trace_id=" + string.Join(',', chunk)).ConfigureAwait(false) is not { } part)
            {
                return null;
            }

            foreach (var (id, scores) in Rendering.J.Obj(part, "items"))
            {
                items[id] = scores?.DeepClone();
            }
        }

        return new JsonObject { ["items"] = items };
    }

    public string Value(string name) => Values.TryGetValue(name, out var v) ? v : string.Empty;
}
