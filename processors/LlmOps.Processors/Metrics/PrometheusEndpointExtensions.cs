using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors.Metrics;

/// <summary>Serves a <see cref="MetricRegistry"/> in the Prometheus text exposition format 0.0.4.</summary>
internal static class PrometheusEndpointExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> (default <c>/metrics</c>). The registry is <paramref name="registry"/> or the one
    /// registered in the container.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheus(this IEndpointRouteBuilder endpoints, string pattern = "/metrics", MetricRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var reg = registry ?? endpoints.ServiceProvider.GetRequiredService<MetricRegistry>();
        return endpoints.MapGet(pattern, async (HttpContext context) =>
        {
            var text = reg.Render();
            context.Response.ContentType = PrometheusText.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        });
    }
}
