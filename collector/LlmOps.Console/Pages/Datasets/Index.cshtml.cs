using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Datasets;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    public JsonNode? Datasets { get; private set; }

    public IEnumerable<JsonNode> Visible => Rendering.J.Arr(Datasets).Where(d => string.IsNullOrWhiteSpace(Search)
        || (Rendering.J.Str(d, "name") ?? string.Empty).Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
        || (Rendering.J.Str(d, "description") ?? string.Empty).Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task OnGetAsync() => Datasets = await GetAsync("/api/v1/datasets").ConfigureAwait(false);

    protected override Task LoadAsync() => OnGetAsync();

    public Task<IActionResult> OnPostCreateAsync(string name, string? description) =>
        ActAsync(HttpMethod.Post, "/api/v1/datasets", new JsonObject { ["name"] = name, ["description"] = description ?? string.Empty }, $"Dataset {name} created.");
}
