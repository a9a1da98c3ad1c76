using LlmOps.Ui.Api;
using LlmOps.Ui.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmOps.Ui.Hosting;

/// <summary>Registers and maps the console: <c>services.AddLlmOpsConsole()</c> then <c>app.MapLlmOpsConsole()</c>.</summary>
internal static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddLlmOpsConsole(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddRazorPages(o => o.RootDirectory = "/Pages")
            .AddApplicationPart(typeof(ConsoleServiceCollectionExtensions).Assembly);
        services.AddSingleton<ConsoleApiClient>();
        services.AddSingleton<DashboardQueries>();
        return services;
    }

    /// <summary>
    /// Maps the pages at <c>/</c>, the embedded assets at <c>/console-assets/</c>, <c>/api/v1/dashboard/*</c>, the
    /// browser's reads through <c>/console-api/</c> (<see cref="ConsoleProxy"/>) and a not-found page for other paths.
    /// </summary>
    public static IEndpointRouteBuilder MapLlmOpsConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapConsoleAssets();
        app.MapDashboardApi();
        app.MapConsoleProxy();
        app.MapRazorPages();

        // Any other path without a file extension (the API's /api/v1 has its own fallback) gets the console's 404 page.
        app.MapFallbackToPage("/NotFound");
        return app;
    }
}
