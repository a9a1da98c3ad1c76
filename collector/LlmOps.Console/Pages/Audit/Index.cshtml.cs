using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Audit;

internal sealed class IndexModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public static readonly string[] Filters = ["type", "action", "actor", "q", "from", "to"];

    [FromQuery(Name = "beforeId")]
    public long? BeforeId { get; set; }

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public JsonNode? Entries { get; private set; }

    public JsonNode? Verification { get; private set; }

    /// <summary>Why the hash chain could not be verified (the verification call failed), or null.</summary>
    public string? VerificationError { get; private set; }

    public string Query => string.Join('&', Values.Select(v => v.Key + "=" + Q(v.Value)));

    public string Value(string name) => Values.TryGetValue(name, out var v) ? v : string.Empty;

    public async Task OnGetAsync()
    {
        foreach (var f in Filters)
        {
            if (Request.Query.TryGetValue(f, out var v) && !string.IsNullOrWhiteSpace(v.ToString()))
            {
                Values[f] = v.ToString().Trim();
            }
        }

        var query = Query + (BeforeId is { } b ? (Query.Length > 0 ? "&" : string.Empty) + "beforeId=" + b.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var entries = GetAsync("/api/v1/audit" + (query.Length > 0 ? "?" + query : string.Empty));
        var verify = Api.GetAsync(HttpContext, "/api/v1/audit/verify");
        Entries = await entries.ConfigureAwait(false);
        var verified = await verify.ConfigureAwait(false);
        Verification = verified.Ok ? verified.Json : null;
        VerificationError = verified.Ok ? null : Why(verified);
    }
}
