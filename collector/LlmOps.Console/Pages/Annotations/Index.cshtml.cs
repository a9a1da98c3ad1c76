using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Annotations;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    public JsonNode? Queues { get; private set; }

    public IEnumerable<JsonNode> Visible => Rendering.J.Arr(Queues).Where(q => string.IsNullOrWhiteSpace(Search)
        || (Rendering.J.Str(q, "name") ?? string.Empty).Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task OnGetAsync() => Queues = await GetAsync("/api/v1/annotation-queues").ConfigureAwait(false);

    protected override Task LoadAsync() => OnGetAsync();

    public Task<IActionResult> OnPostStatusAsync(long id, bool start) =>
        ActAsync(HttpMethod.Post, $"/api/v1/annotation-queues/{id.ToString(CultureInfo.InvariantCulture)}/{(start ? "start" : "stop")}", null, start ? "Queue started." : "Queue stopped.");

    public async Task<IActionResult> OnPostCreateAsync(string name, string? description, string scoreName, string? min, string? max)
    {
        var numbers = new FormNumbers();
        var low = numbers.Number(min, "Min");
        var high = numbers.Number(max, "Max");
        if (numbers.Errors.Count > 0)
        {
            return await RefuseAsync(numbers.Errors).ConfigureAwait(false);
        }

        return await ActAsync(HttpMethod.Post, "/api/v1/annotation-queues", new JsonObject
        {
            ["name"] = name,
            ["description"] = description ?? string.Empty,
            ["scoreConfigs"] = new JsonArray(new JsonObject { ["name"] = scoreName, ["type"] = "numeric", ["min"] = low, ["max"] = high }),
        }, $"Queue {name} created.").ConfigureAwait(false);
    }
}
