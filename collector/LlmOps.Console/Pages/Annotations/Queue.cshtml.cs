using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;

namespace LlmOps.Ui.Pages.Annotations;

internal sealed class QueueModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public const string ReviewerCookie = "llmops-reviewer";

    [FromRoute(Name = "id")]
    public long Id { get; set; }

    [FromQuery(Name = "item")]
    public long? ItemId { get; set; }

    [FromQuery(Name = "lease")]
    public string? Lease { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    public JsonNode? Queue { get; private set; }

    public JsonNode? Items { get; private set; }

    public JsonNode? Item { get; private set; }

    public JsonNode? Trace { get; private set; }

    public string Reviewer => Request.Cookies.TryGetValue(ReviewerCookie, out var r) && !string.IsNullOrWhiteSpace(r) ? r : "reviewer";

    private string Root => "/api/v1/annotation-queues/" + Id.ToString(CultureInfo.InvariantCulture);

    public async Task OnGetAsync()
    {
        var queue = GetSubjectAsync(Root);
        var items = GetAsync(Root + "/items?limit=50" + (string.IsNullOrWhiteSpace(Status) ? string.Empty : "&status=" + Q(Status)));
        Queue = await queue.ConfigureAwait(false);
        Items = await items.ConfigureAwait(false);
        if (ItemId is { } itemId)
        {
            var claimed = await GetAsync(Root + "/items?status=claimed&limit=500").ConfigureAwait(false);
            Item = Rendering.J.Arr(claimed).FirstOrDefault(i => Rendering.J.Long(i, "id") == itemId);
            if (Rendering.J.Str(Item, "traceId") is { } traceId)
            {
                var trace = await Api.GetAsync(HttpContext, "/api/v1/traces/" + Q(traceId)).ConfigureAwait(false);
                Trace = trace.Ok ? trace.Json : null;
            }
        }
    }

    protected override Task LoadAsync() => OnGetAsync();

    public async Task<IActionResult> OnPostClaimAsync(string? reviewer) => await ClaimAsync(reviewer).ConfigureAwait(false);

    public async Task<IActionResult> OnPostSubmitAsync(long itemId, string lease, string? comment, string? reviewer)
    {
        var scores = new JsonObject();
        foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith("score.", StringComparison.Ordinal)))
        {
            var name = key["score.".Length..];
            var text = value.ToString();
            if (text.Length == 0)
            {
                continue;
            }

            scores[name] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d)
                : bool.TryParse(text, out var b) ? JsonValue.Create(b)
                : JsonValue.Create(text);
        }

        var result = await Api.PostAsync(HttpContext, $"{Root}/items/{itemId.ToString(CultureInfo.InvariantCulture)}/submit", new JsonObject
        {
            ["leaseToken"] = lease,
            ["scores"] = scores,
            ["comment"] = string.IsNullOrWhiteSpace(comment) ? null : Lf(comment),
        }).ConfigureAwait(false);
        if (!result.Ok)
        {
            // The same item again, with the scores and comment as entered (the lease is still the reviewer's).
            ItemId = itemId;
            Lease = lease;
            return await RefuseAsync(result.Error ?? "The request failed.").ConfigureAwait(false);
        }

        Flash = $"Item {itemId.ToString(CultureInfo.InvariantCulture)} submitted.";
        return await ClaimAsync(reviewer).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostSkipAsync(long itemId, string lease, string? reviewer)
    {
        var result = await Api.PostAsync(HttpContext, $"{Root}/items/{itemId.ToString(CultureInfo.InvariantCulture)}/skip", new JsonObject { ["leaseToken"] = lease }).ConfigureAwait(false);
        Flash = result.Ok ? $"Item {itemId.ToString(CultureInfo.InvariantCulture)} skipped." : null;
        FlashError = result.Ok ? null : result.Error;
        return await ClaimAsync(reviewer).ConfigureAwait(false);
    }

    private async Task<IActionResult> ClaimAsync(string? reviewer)
    {
        var name = string.IsNullOrWhiteSpace(reviewer) ? Reviewer : reviewer.Trim();
        Response.Cookies.Append(ReviewerCookie, name, new Microsoft.AspNetCore.Http.CookieOptions { HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict });
        var claimed = await Api.PostAsync(HttpContext, Root + "/claim", new JsonObject { ["reviewer"] = name }).ConfigureAwait(false);
        var here = "/annotation-queues/" + Id.ToString(CultureInfo.InvariantCulture);
        if (claimed.Status == 204)
        {
            Flash = (Flash is null ? string.Empty : Flash + " ") + "No more items to review in this queue.";
            return Redirect(here);
        }

        if (!claimed.Ok)
        {
            FlashError = claimed.Error;
            return Redirect(here);
        }

        var itemId = Rendering.J.Long(claimed.Json?["item"], "id");
        return Redirect($"{here}?item={itemId.ToString(CultureInfo.InvariantCulture)}&lease={Q(Rendering.J.Str(claimed.Json, "leaseToken"))}");
    }
}
