using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmOps.Ui.Pages;

/// <summary>Base of every console page: API access through <see cref="ConsoleApiClient"/>, errors and a flash message.</summary>
internal abstract class ConsolePageModel(ConsoleApiClient api) : PageModel
{
    /// <summary>The API's errors for this page (the layout shows each text once).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>
    /// The page's subject (a trace, a dataset, a prompt…) does not exist: the API answered 404 for it. The page answers
    /// 404 too and the layout shows only the error.
    /// </summary>
    public bool Missing { get; private set; }

    /// <summary>A read was refused for want of a valid API key (401): the layout says so once, pointing to Settings.</summary>
    public bool NeedsKey { get; private set; }

    /// <summary>Why the API wants a key, in the console's words (the API's own tell a script which header to send).</summary>
    public string KeyProblem =>
        Request.Cookies.TryGetValue(ConsoleApiClient.ApiKeyCookie, out var key) && !string.IsNullOrEmpty(key)
            ? "the API key this browser sends is not valid (unknown, revoked or expired)"
            : "the API requires an API key to show this and this browser has none";

    /// <summary>The outcome of the last action (shown once after the redirect, announced to screen readers).</summary>
    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashError { get; set; }

    /// <summary>
    /// The handler of the form that was refused and is shown again (its <c>asp-page-handler</c>), or null: a page
    /// shown by a GET or after a redirect fills its forms from the API as usual.
    /// </summary>
    public string? RefusedForm { get; private set; }

    protected ConsoleApiClient Api => api;

    /// <summary>
    /// What was typed into <paramref name="field"/> of <paramref name="form"/> when that form was refused, or null (another
    /// form, or no refusal): the templates show it instead of the stored value.
    /// </summary>
    public string? Typed(string form, string field) =>
        IsRefused(form) && Request.HasFormContentType && Request.Form.TryGetValue(field, out var value) ? value.ToString() : null;

    /// <summary>
    /// <see cref="Typed"/> for a form repeated on every row (a mute per rule): only the row whose
    /// <paramref name="keyField"/> was posted as <paramref name="key"/> gets it back.
    /// </summary>
    public string? TypedInRow(string form, string keyField, string key, string field) =>
        Typed(form, keyField) == key ? Typed(form, field) : null;

    /// <summary>The values of a multi-valued field (checkboxes) of the refused <paramref name="form"/>, or null.</summary>
    public IReadOnlyList<string?>? TypedAll(string form, string field) =>
        IsRefused(form) && Request.HasFormContentType ? [.. Request.Form[field]] : null;

    public bool IsRefused(string form) => string.Equals(RefusedForm, form, StringComparison.OrdinalIgnoreCase);

    /// <summary>An API read; on failure null, with the error recorded for the page.</summary>
    protected async Task<JsonNode?> GetAsync(string path) => Read(path, await api.GetAsync(HttpContext, path).ConfigureAwait(false));

    /// <summary>As <see cref="GetAsync"/>, for the page's subject: a 404 makes the page a not-found page (<see cref="Missing"/>).</summary>
    protected async Task<JsonNode?> GetSubjectAsync(string path)
    {
        var result = await api.GetAsync(HttpContext, path).ConfigureAwait(false);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Read(path, result);
    }

    /// <summary>Why a call failed, for the page.</summary>
    protected string Why(ApiResult result) =>
        result.Status == StatusCodes.Status401Unauthorized ? KeyProblem : result.Error ?? "the request failed";

    private JsonNode? Read(string path, ApiResult result)
    {
        if (result.Ok)
        {
            return result.Json;
        }

        if (result.Status == StatusCodes.Status401Unauthorized)
        {
            NeedsKey = true;
            return null;
        }

        // A page's reads run concurrently.
        lock (Errors)
        {
            Errors.Add(result.Error ?? $"{path} failed");
        }

        return null;
    }

    /// <summary>
    /// Runs a mutating call. Accepted: the outcome becomes the flash message and the browser is redirected
    /// (post/redirect/get). Refused: the page is shown again with the error and what was typed (<see cref="RefuseAsync"/>).
    /// </summary>
    protected async Task<IActionResult> ActAsync(HttpMethod method, string path, JsonNode? body, string success, string? redirect = null)
    {
        var result = await api.SendAsync(HttpContext, method, path, body).ConfigureAwait(false);
        if (!result.Ok)
        {
            return await RefuseAsync(result.Error ?? "The request failed.").ConfigureAwait(false);
        }

        Flash = success;
        return redirect is null ? RedirectToPage() : Redirect(redirect);
    }

    /// <summary>
    /// Refuses the posted form: no redirect, the page is rendered again from <see cref="LoadAsync"/> with
    /// <paramref name="errors"/> and the form filled with what was typed (<see cref="Typed"/>), so nothing is lost.
    /// </summary>
    protected async Task<IActionResult> RefuseAsync(params IEnumerable<string> errors)
    {
        Errors.AddRange(errors);
        RefusedForm = RouteData.Values["handler"]?.ToString() is { Length: > 0 } handler ? handler : Request.Query["handler"].ToString();
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>Loads what the page shows (its GET handler): pages with forms override it so a refused form can be shown again.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected static string Q(string? value) => Uri.EscapeDataString(value ?? string.Empty);

    /// <summary>
    /// Text of a <c>&lt;textarea&gt;</c> with LF line endings. Browsers submit its lines joined by CRLF, so an unchanged
    /// multi-line template became a new version differing only in line endings, and the model was sent CRLF text.
    /// </summary>
    protected static string? Lf(string? text) => text?.ReplaceLineEndings("\n");
}
