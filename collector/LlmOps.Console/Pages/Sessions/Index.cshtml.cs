using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Sessions;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    [FromQuery(Name = "user")]
    public string? UserFilter { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    public JsonNode? Listing { get; private set; }

    public async Task OnGetAsync()
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            query.Add("user=" + Q(UserFilter.Trim()));
        }

        if (!string.IsNullOrEmpty(Cursor))
        {
            query.Add("cursor=" + Q(Cursor));
        }

        Listing = await GetAsync("/api/v1/sessions" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty)).ConfigureAwait(false);
    }
}
