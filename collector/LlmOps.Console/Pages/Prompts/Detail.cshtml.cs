using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Prompts;

internal sealed class DetailModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    [FromRoute(Name = "name")]
    public string Name { get; set; } = string.Empty;

    public JsonNode? Prompt { get; private set; }

    public JsonNode? History { get; private set; }

    public JsonNode? Latest => Rendering.J.Arr(Prompt, "versions").MaxBy(v => Rendering.J.Long(v, "version"));

    public async Task OnGetAsync()
    {
        var prompt = GetSubjectAsync("/api/v1/prompts/" + Q(Name));
        var history = GetAsync("/api/v1/prompts/" + Q(Name) + "/history");
        Prompt = await prompt.ConfigureAwait(false);
        History = await history.ConfigureAwait(false);
    }

    protected override Task LoadAsync() => OnGetAsync();

    public Task<IActionResult> OnPostVersionAsync(string template, string? guidelines, string? commitMessage, string[]? labels) =>
        ActAsync(HttpMethod.Post, $"/api/v1/prompts/{Q(Name)}/versions", new JsonObject
        {
            ["template"] = Lf(template),
            ["guidelines"] = Lf(guidelines) ?? string.Empty,
            ["commitMessage"] = string.IsNullOrWhiteSpace(commitMessage) ? "edited in the console" : commitMessage,
            ["labels"] = new JsonArray([.. (labels ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => (JsonNode)JsonValue.Create(l)!)]),
        }, "New version saved.");

    public Task<IActionResult> OnPostLabelAsync(string label, long version) =>
        ActAsync(HttpMethod.Put, $"/api/v1/prompts/{Q(Name)}/labels/{Q(label.Trim())}", new JsonObject { ["version"] = version }, $"Label {label} moved to version {version}.");

    public Task<IActionResult> OnPostRollbackAsync(string label) =>
        ActAsync(HttpMethod.Post, $"/api/v1/prompts/{Q(Name)}/rollback", new JsonObject { ["label"] = label }, $"Label {label} rolled back.");
}
