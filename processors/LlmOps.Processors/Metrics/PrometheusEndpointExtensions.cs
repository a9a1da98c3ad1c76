using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace LlmOps.Processors.Metrics;

/// <summary>Serves a <see cref="MetricRegistry"/> in the Prometheus text exposition format 0.0.4.</summary>
internal static class PrometheusEndpointExtensions
{
    /// <summary>
    /// Maps <c>GET</c> and <c>HEAD {pattern}</c> (default <c>/metrics</c>). The registry is <paramref name="registry"/>
    /// or the one registered in the container. The body is gzip-compressed when the request accepts gzip (Prometheus
    /// always does); <c>HEAD</c> answers the headers only, without rendering (so it does not count as a scrape).
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheus(this IEndpointRouteBuilder endpoints, string pattern = "/metrics", MetricRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var reg = registry ?? endpoints.ServiceProvider.GetRequiredService<MetricRegistry>();
        return endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], async (HttpContext context) =>
        {
            var response = context.Response;
            response.ContentType = PrometheusText.ContentType;
            response.Headers.CacheControl = "no-store";
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            var gzip = AcceptsGzip(context.Request);
            if (gzip)
            {
                response.Headers.ContentEncoding = "gzip";
            }

            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(reg.Render());
            if (!gzip)
            {
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var compressed = new MemoryStream(bytes.Length / 8);
            await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await zip.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            }

            response.ContentLength = compressed.Length;
            await response.Body.WriteAsync(compressed.GetBuffer().AsMemory(0, (int)compressed.Length), context.RequestAborted).ConfigureAwait(false);
        });
    }

    /// <summary>True when <c>Accept-Encoding</c> names <c>gzip</c> (or <c>*</c>) without <c>q=0</c>.</summary>
    private static bool AcceptsGzip(HttpRequest request)
    {
        var accepted = false;
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return value.Quality is not 0.0;
            }

            accepted |= value.Value.Equals("*", StringComparison.Ordinal) && value.Quality is not 0.0;
        }

        return accepted;
    }
}
