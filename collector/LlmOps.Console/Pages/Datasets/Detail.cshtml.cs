using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Datasets;

internal sealed class DetailModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    [FromRoute(Name = "id")]
    public long Id { get; set; }

    [FromQuery(Name = "afterId")]
    public long? AfterId { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "baseline")]
    public long? Baseline { get; set; }

    [FromQuery(Name = "candidate")]
    public long? Candidate { get; set; }

    [FromQuery(Name = "metric")]
    public string? Metric { get; set; }

    [FromQuery(Name = "run")]
    public long? Run { get; set; }

    public JsonNode? Dataset { get; private set; }

    public JsonNode? Items { get; private set; }

    public JsonNode? Runs { get; private set; }

    public JsonNode? Trend { get; private set; }

    public JsonNode? Prompts { get; private set; }

    public JsonNode? Evaluators { get; private set; }

    public JsonNode? Comparison { get; private set; }

    public JsonNode? RunResults { get; private set; }

    public const int PageSize = 50;

    public async Task OnGetAsync()
    {
        var root = "/api/v1/datasets/" + Id.ToString(CultureInfo.InvariantCulture);
        var itemsQuery = $"?limit={PageSize}" + (AfterId is { } a ? "&afterId=" + a.ToString(CultureInfo.InvariantCulture) : string.Empty) + (string.IsNullOrWhiteSpace(Status) ? string.Empty : "&status=" + Q(Status));
        var dataset = GetSubjectAsync(root);
        var items = GetAsync(root + "/items" + itemsQuery);
        var runs = GetAsync(root + "/runs");
        var trend = GetAsync(root + "/trend");
        var prompts = GetAsync("/api/v1/prompts");
        var evaluators = GetAsync("/api/v1/dataset-evaluators");
        Dataset = await dataset.ConfigureAwait(false);
        Items = await items.ConfigureAwait(false);
        Runs = await runs.ConfigureAwait(false);
        Trend = await trend.ConfigureAwait(false);
        Prompts = await prompts.ConfigureAwait(false);
        Evaluators = await evaluators.ConfigureAwait(false);
        if (Baseline is { } b && Candidate is { } c)
        {
            Comparison = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/runs/compare?baseline={b}&candidate={c}") + (string.IsNullOrWhiteSpace(Metric) ? string.Empty : "&metric=" + Q(Metric))).ConfigureAwait(false);
        }

        if (Run is { } run)
        {
            RunResults = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/runs/{run}/results")).ConfigureAwait(false);
        }
    }

    protected override Task LoadAsync() => OnGetAsync();

    public Task<IActionResult> OnPostItemAsync(string input, string? expectedOutput, string? context) =>
        ActAsync(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"/api/v1/datasets/{Id}/items"), new JsonObject { ["input"] = Lf(input), ["expectedOutput"] = Lf(expectedOutput), ["context"] = Lf(context) }, "Item added.");

    public async Task<IActionResult> OnPostRunAsync(string promptName, string? promptLabel, string? model, string[]? evaluators, string? threshold)
    {
        // Empty: the API's default pass threshold (0.5).
        var numbers = new FormNumbers();
        var passThreshold = numbers.Number(threshold, "Pass threshold", required: false);
        if (numbers.Errors.Count > 0)
        {
            return await RefuseAsync(numbers.Errors).ConfigureAwait(false);
        }

        var body = new JsonObject
        {
            ["promptName"] = promptName,
            ["promptLabel"] = string.IsNullOrWhiteSpace(promptLabel) ? "production" : promptLabel,
            ["model"] = string.IsNullOrWhiteSpace(model) ? "fake" : model,
        };
        if (evaluators is { Length: > 0 })
        {
            body["evaluators"] = new JsonArray([.. evaluators.Select(e => (JsonNode)JsonValue.Create(e)!)]);
            if (passThreshold is { } t)
            {
                body["thresholds"] = new JsonObject(evaluators.Select(e => KeyValuePair.Create(e, (JsonNode?)JsonValue.Create(t))));
            }
        }

        return await ActAsync(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"/api/v1/datasets/{Id}/runs"), body, "Evaluation run started; refresh to follow its progress.").ConfigureAwait(false);
    }
}
