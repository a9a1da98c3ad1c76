using System.Text.Json.Nodes;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmOps.Ui.Pages;

/// <summary>Base of every console page: API access through <see cref="ConsoleApiClient"/>, errors and a flash message.</summary>
internal abstract class ConsolePageModel(ConsoleApiClient api) : PageModel
{
    public List<string> Errors { get; } = [];

    /// <summary>The outcome of the last action (shown once after the redirect, announced to screen readers).</summary>
    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashError { get; set; }

    protected ConsoleApiClient Api => api;

    protected async Task<JsonNode?> GetAsync(string path)
    {
        var result = await api.GetAsync(HttpContext, path).ConfigureAwait(false);
        if (!result.Ok)
        {
            Errors.Add(result.Error ?? $"{path} failed");
            return null;
        }

        return result.Json;
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
