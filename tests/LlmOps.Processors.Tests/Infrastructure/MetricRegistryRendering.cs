using LlmOps.Processors.Metrics;

namespace LlmOps.Processors.Tests.Infrastructure;

internal static class MetricRegistryRendering
{
    /// <summary>
    /// The exposition as a second scrape sees it: new counter and histogram series derived from telemetry are served
    /// at 0 the first time (<see cref="MetricFamily.NewSeriesAtZero"/>), with their values from then on.
    /// </summary>
    public static string RenderAfterFirstScrape(this MetricRegistry registry)
    {
        registry.Render();
        return registry.Render();
    }
}
