using System.Text.Json.Nodes;
using LlmOps.Ui.Data;

namespace LlmOps.Ui.Pages;

internal sealed class IndexModel(ConsoleApiClient api, LlmOps.Ui.Api.DashboardQueries queries) : ConsolePageModel(api)
{
    public JsonNode? Summary { get; private set; }

    public JsonNode? Drift { get; private set; }

    /// <summary>True when the summary could not be read: drift, which the API guards alike, is not shown either.</summary>
    public bool DriftRefused { get; private set; }

    public JsonNode? Alerts { get; private set; }

    public async Task OnGetAsync()
    {
        var summary = GetAsync("/api/v1/dashboard/summary");
        var alerts = GetAsync("/api/v1/alerts");
        Summary = await summary.ConfigureAwait(false);

        // Drift needs every score of the last week: the page never waits for it. A fresh result (the same one
        // GET /api/v1/dashboard/drift serves, cached 30 s) is shown at once; otherwise it is computed in the
        // background and the page's script fetches it from the API (a reload shows it without script). It is read
        // here without the API, so only for a caller the API answered the summary: the same access rules (key and
        // scope, rate limit) guard both.
        DriftRefused = Summary is null;
        Drift = queries.Available && !DriftRefused ? queries.CachedDriftOrWarm() : null;
        Alerts = await alerts.ConfigureAwait(false);
    }
}
