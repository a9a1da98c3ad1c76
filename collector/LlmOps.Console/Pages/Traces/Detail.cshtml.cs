using System.Text.Json.Nodes;
using LlmOps.Ui.Data;

namespace LlmOps.Ui.Pages.Traces;

internal sealed class DetailModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public JsonNode? Trace { get; private set; }

    public async Task OnGetAsync(string id)
    {
        Trace = await GetAsync("/api/v1/traces/" + Q(id)).ConfigureAwait(false);
    }

    public IEnumerable<JsonNode> AllSpans() => Walk(Rendering.J.Arr(Trace, "spans"));

    private static IEnumerable<JsonNode> Walk(IEnumerable<JsonNode> spans)
    {
        foreach (var s in spans)
        {
            yield return s;
            foreach (var c in Walk(Rendering.J.Arr(s, "children")))
            {
                yield return c;
            }
        }
    }
}
