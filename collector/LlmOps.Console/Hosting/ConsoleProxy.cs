using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmOps.Ui.Hosting;

/// <summary>
/// <c>GET /console-api/{path}</c>: the API reads a browser asks for itself (CSV exports, the dashboard's live refresh),
/// forwarded to <c>/api/v1/{path}</c> with the API key the console keeps in its HttpOnly cookie, which the page's script
/// cannot read and the API does not accept. Only these reads are forwarded; anything else is 404.
/// </summary>
internal static class ConsoleProxy
{
    public const string Prefix = "/console-api/";

    public static IEndpointRouteBuilder MapConsoleProxy(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{**path}", async (string path, HttpContext ctx, ConsoleApiClient api) =>
        {
            if (!IsForwarded(path))
            {
                return Results.NotFound();
            }

            await api.ProxyAsync(ctx, "/api/v1/" + path + ctx.Request.QueryString.Value).ConfigureAwait(false);
            return Results.Empty;
        });
        return app;
    }

    /// <summary>The dataset and audit CSV exports and the dashboard's reads.</summary>
    internal static bool IsForwarded(string path)
    {
        var parts = path.Split('/');
        return parts switch
        {
            ["datasets", var id, "export"] => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
            ["audit", "export"] => true,
            ["dashboard", var what] => what.Length > 0 && what.All(c => char.IsAsciiLetterLower(c) || c == '-'),
            _ => false,
        };
    }
}
