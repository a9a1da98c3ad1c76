using System.Text.Json.Nodes;
using LlmOps.Storage.Queries;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Http.Features;

namespace LlmOps.Ui.Pages.Sessions;

internal sealed class DetailModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public JsonNode? Session { get; private set; }

    public async Task OnGetAsync(string id)
    {
        // An id holding '/' arrives as %2F in the route value; the request as sent has it exactly.
        if (id.Contains('%', StringComparison.Ordinal))
        {
            id = StoreIds.LastPathSegment(HttpContext.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
        }

        Session = await GetSubjectAsync("/api/v1/sessions/" + Q(id)).ConfigureAwait(false);
    }
}
