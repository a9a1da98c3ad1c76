using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Settings;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public static readonly (string Section, string Label)[] Tabs =
    [
        ("retrieval", "Retrieval"), ("embedding", "Embedding"), ("generation", "Generation"),
        ("hybrid-search", "Hybrid search"), ("guardrails", "Guardrails"), ("project", "Project"),
    ];

    [FromQuery(Name = "tab")]
    public string Tab { get; set; } = "retrieval";

    /// <summary>The snapshot: <c>section, value, version, updatedAt, updatedBy</c>.</summary>
    public JsonNode? Snapshot { get; private set; }

    public JsonNode? Section => Snapshot?["value"];

    public JsonNode? ApiKeys { get; private set; }

    public bool HasApiKeyCookie => Request.Cookies.ContainsKey(ConsoleApiClient.ApiKeyCookie);

    public async Task OnGetAsync()
    {
        if (!Tabs.Any(t => t.Section == Tab))
        {
            Tab = "retrieval";
        }

        Snapshot = await GetAsync("/api/v1/settings/" + Tab).ConfigureAwait(false);
        if (Tab == "project")
        {
            ApiKeys = await GetAsync("/api/v1/settings/project/api-keys").ConfigureAwait(false);
        }
    }

    protected override Task LoadAsync() => OnGetAsync();

    /// <summary>Sends the fields that changed, typed like the current values (numbers, booleans, JSON for lists and objects).</summary>
    public async Task<IActionResult> OnPostSaveAsync(string tab)
    {
        Tab = tab; // a refused save shows this tab again
        var current = await Api.GetAsync(HttpContext, "/api/v1/settings/" + Q(tab)).ConfigureAwait(false);
        var redirect = "/settings?tab=" + Q(tab);
        if (!current.Ok || current.Json?["value"] is not JsonObject values)
        {
            return await RefuseAsync(current.Error ?? "Unknown settings section.").ConfigureAwait(false);
        }

        var changes = new JsonObject();
        foreach (var (key, value) in values)
        {
            if (!Request.Form.TryGetValue("field." + key, out var posted))
            {
                continue;
            }

            var text = posted.ToString();
            JsonNode? parsed;
            try
            {
                parsed = value?.GetValueKind() switch
                {
                    JsonValueKind.Number => JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
                    JsonValueKind.True or JsonValueKind.False => JsonValue.Create(bool.Parse(text)),
                    JsonValueKind.Array or JsonValueKind.Object => JsonNode.Parse(text),
                    JsonValueKind.Null => text.Length == 0 ? null : JsonValue.Create(text),
                    _ => JsonValue.Create(text),
                };
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                return await RefuseAsync($"{key}: {ex.Message}").ConfigureAwait(false);
            }

            if (!JsonNode.DeepEquals(parsed, value))
            {
                changes[key] = parsed;
            }
        }

        if (changes.Count == 0)
        {
            Flash = "Nothing changed.";
            return Redirect(redirect);
        }

        return await ActAsync(HttpMethod.Put, "/api/v1/settings/" + Q(tab), changes, $"Saved {string.Join(", ", changes.Select(c => c.Key))}.", redirect).ConfigureAwait(false);
    }

    public IActionResult OnPostApiKey(string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            Response.Cookies.Delete(ConsoleApiClient.ApiKeyCookie);
            Flash = "The console no longer sends an API key.";
        }
        else
        {
            Response.Cookies.Append(ConsoleApiClient.ApiKeyCookie, apiKey.Trim(), new Microsoft.AspNetCore.Http.CookieOptions { HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict, IsEssential = true });
            Flash = "The console now sends this API key with every change.";
        }

        return Redirect("/settings?tab=project");
    }
}
