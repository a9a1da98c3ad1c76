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

    protected ConsoleApiClient Api => api;

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

    /// <summary>Runs a mutating call, records its outcome as the flash message and redirects back (post/redirect/get).</summary>
    protected async Task<IActionResult> ActAsync(HttpMethod method, string path, JsonNode? body, string success, string? redirect = null)
    {
        var result = await api.SendAsync(HttpContext, method, path, body).ConfigureAwait(false);
        if (result.Ok)
        {
            Flash = success;
        }
        else
        {
            FlashError = result.Error ?? "The request failed.";
        }

        return redirect is null ? RedirectToPage() : Redirect(redirect);
    }

    protected static string Q(string? value) => Uri.EscapeDataString(value ?? string.Empty);
}
