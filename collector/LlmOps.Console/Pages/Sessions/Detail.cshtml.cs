using System.Text.Json.Nodes;
using LlmOps.Ui.Data;

namespace LlmOps.Ui.Pages.Sessions;

internal sealed class DetailModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public JsonNode? Session { get; private set; }

    public async Task OnGetAsync(string id)
    {
        Session = await GetSubjectAsync("/api/v1/sessions/" + Q(id)).ConfigureAwait(false);
    }
}
