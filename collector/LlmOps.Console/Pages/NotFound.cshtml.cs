using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Ui.Pages;

/// <summary>
/// What a path no page serves (or one whose id is not a number, <c>/datasets/abc</c>) shows: a 404 in the console's
/// layout, with its menu, instead of the browser's bare error page. Mapped as the fallback route.
/// </summary>
internal sealed class NotFoundModel(ConsoleApiClient api) : ConsolePageModel(api)
{
    public string Path => Request.Path.Value ?? "/";

    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
