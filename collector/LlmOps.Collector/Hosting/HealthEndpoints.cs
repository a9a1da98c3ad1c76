using LlmOps.Collector.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Collector.Hosting;

/// <summary><c>/healthz</c> (the process serves requests) and <c>/readyz</c> (the store takes writes and the queue has room).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", () => Results.Json(new HealthReport("alive", [])));
        endpoints.MapGet("/readyz", async (HttpContext context) =>
        {
            var pipeline = context.RequestServices.GetRequiredService<IngestPipeline>();
            var reasons = new List<string>();
            if (pipeline.IsSaturated)
            {
                reasons.Add($"ingest queue saturated ({pipeline.QueuedItems} of {pipeline.Capacity} items)");
            }

            if (pipeline.LastExportFailed)
            {
                reasons.Add("the last write to the store failed");
            }

            foreach (var check in context.RequestServices.GetServices<IReadinessCheck>())
            {
                bool ready;
                try
                {
                    ready = await check.IsReadyAsync(context.RequestAborted).WaitAsync(TimeSpan.FromSeconds(5), context.RequestAborted).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    ready = false;
                }

                if (!ready)
                {
                    reasons.Add($"{check.Name} is not ready");
                }
            }

            return reasons.Count == 0
                ? Results.Json(new HealthReport("ready", reasons))
                : Results.Json(new HealthReport("not_ready", reasons), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
