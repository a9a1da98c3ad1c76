using LlmOps.Processors.Configuration;
using LlmOps.Processors.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Processors.Metrics;

/// <summary>Registration of the <c>prometheus</c> exporter and the shared metric services.</summary>
internal static class KpiMetricsComponents
{
    public const string ExporterType = "prometheus";

    /// <summary>The exporter factory; needs a <see cref="MetricRegistry"/> in the container (and uses its <see cref="KpiWindow"/> and <see cref="TimeProvider"/> when present).</summary>
    public static ExporterFactory<KpiMetricsExporterOptions> Factory { get; } = new(
        ExporterType,
        new KpiMetricsExporterOptionsValidator(),
        Create);

    public static ComponentRegistry AddKpiMetricsExporter(this ComponentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(Factory);
    }

    /// <summary>Registers the registry, the collector's meter bridge and the KPI window the alert engine reads.</summary>
    public static IServiceCollection AddLlmOpsMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<MetricRegistry>(_ => new MetricRegistry());
        services.AddSingleton(sp => new CollectorMeterBridge(sp.GetRequiredService<MetricRegistry>(), runtimeMetrics: true));
        services.AddSingleton(sp => new KpiWindow(sp.GetService<TimeProvider>() ?? TimeProvider.System, KpiMetricsExporterOptions.GenAiDurationBuckets, TimeSpan.FromHours(49)));
        return services;
    }

    private static ITelemetryExporter Create(string id, KpiMetricsExporterOptions options, IServiceProvider services)
    {
        var registry = services.GetRequiredService<MetricRegistry>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var window = services.GetService<KpiWindow>();
        return new KpiMetricsExporter(id, options, registry, time, window);
    }
}
