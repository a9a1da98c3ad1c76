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

        var numbers = new FormNumbers();
        var errors = new List<string>();
        var changes = new JsonObject();
        foreach (var (key, value) in values)
        {
            if (!Request.Form.TryGetValue("field." + key, out var posted))
            {
                continue;
            }

            var text = posted.ToString();
            var kind = value?.GetValueKind();
            JsonNode? parsed;
            if (kind == JsonValueKind.Number)
            {
                if (numbers.Number(text, key) is not { } number)
                {
                    continue;
                }

                parsed = JsonValue.Create(number);
            }
            else if (!TryParse(kind, text, out parsed))
            {
                errors.Add(kind is JsonValueKind.True or JsonValueKind.False ? $"{key}: must be true or false." : $"{key}: is not valid JSON.");
                continue;
            }

            if (!JsonNode.DeepEquals(parsed, value))
            {
                changes[key] = parsed;
            }
        }

        if (numbers.Errors.Count + errors.Count > 0)
        {
            return await RefuseAsync([.. numbers.Errors, .. errors]).ConfigureAwait(false);
        }

        if (changes.Count == 0)
        {
            Flash = "Nothing changed.";
            return Redirect(redirect);
        }

        return await ActAsync(HttpMethod.Put, "/api/v1/settings/" + Q(tab), changes, $"Saved {string.Join(", ", changes.Select(c => c.Key))}.", redirect).ConfigureAwait(false);
    }

    /// <summary>A field that is not a number, read as the JSON kind of its current value: a boolean, a list or object as JSON, else text.</summary>
    private static bool TryParse(JsonValueKind? kind, string text, out JsonNode? parsed)
    {
        parsed = null;
        switch (kind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                if (!bool.TryParse(text, out var flag))
                {
                    return false;
                }

                parsed = JsonValue.Create(flag);
                return true;
            case JsonValueKind.Array or JsonValueKind.Object:
                try
                {
                    parsed = JsonNode.Parse(text);
                    return true;
                }
                catch (JsonException)
                {
                    return false;
                }

            case null or JsonValueKind.Null:
                // A setting without a value (webhookUrl: null) is a null node, with no kind: left empty, it stays null
                // (it was sent back as "").
                parsed = text.Length == 0 ? null : JsonValue.Create(text);
                return true;
            default:
                parsed = JsonValue.Create(text);
                return true;
        }
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
