using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Prompts;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "label")]
    public string? Label { get; set; }

    public JsonNode? Prompts { get; private set; }

    public async Task OnGetAsync()
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            query.Add("q=" + Q(Search.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Label))
        {
            query.Add("label=" + Q(Label.Trim()));
        }

        Prompts = await GetAsync("/api/v1/prompts" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty)).ConfigureAwait(false);
    }

    protected override Task LoadAsync() => OnGetAsync();

    /// <summary>
    /// Creates the prompt and opens it under the name the API saved (it trims surrounding spaces); a refused create stays
    /// on the list with the API's error and the form as typed instead of opening a prompt that does not exist.
    /// </summary>
    public async Task<IActionResult> OnPostCreateAsync(string name, string? description, string template, string? guidelines, string? commitMessage)
    {
        var result = await Api.SendAsync(HttpContext, HttpMethod.Post, "/api/v1/prompts", new JsonObject
        {
            ["name"] = name,
            ["description"] = description ?? string.Empty,
            ["template"] = Lf(template),
            ["guidelines"] = Lf(guidelines) ?? string.Empty,
            ["commitMessage"] = string.IsNullOrWhiteSpace(commitMessage) ? "created in the console" : commitMessage,
        }).ConfigureAwait(false);
        if (!result.Ok)
        {
            return await RefuseAsync(result.Error ?? "The request failed.").ConfigureAwait(false);
        }

        var saved = Rendering.J.Str(result.Json?["prompt"], "name") ?? name.Trim();
        Flash = $"Prompt {saved} created.";
        return Redirect("/prompts/" + Q(saved));
    }
}
