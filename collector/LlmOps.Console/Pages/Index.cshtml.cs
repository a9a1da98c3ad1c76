using System.Text.Json.Nodes;
using LlmOps.Ui.Data;

namespace LlmOps.Ui.Pages;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public JsonNode? Summary { get; private set; }

    public JsonNode? Drift { get; private set; }

    public JsonNode? Alerts { get; private set; }

    public async Task OnGetAsync()
    {
        var summary = GetAsync("/api/v1/dashboard/summary");
        var drift = GetAsync("/api/v1/dashboard/drift");
        var alerts = GetAsync("/api/v1/alerts");
        Summary = await summary.ConfigureAwait(false);
        Drift = await drift.ConfigureAwait(false);
        Alerts = await alerts.ConfigureAwait(false);
    }
}
