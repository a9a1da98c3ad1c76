using LlmOps.Processors.Configuration;
using LlmOps.Processors.Pipeline;

namespace LlmOps.Collector.Composition;

/// <summary>The configured exporters, created once and kept for the life of the process (config reloads keep them).</summary>
internal sealed class ExporterSet : IAsyncDisposable
{
    public ExporterSet(CollectorConfig config, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(config);
        var byId = new Dictionary<string, ITelemetryExporter>(StringComparer.Ordinal);
        foreach (var (id, component) in config.Exporters)
        {
            if (config.Pipelines.Any(p => p.Exporters.Contains(id, StringComparer.Ordinal)))
            {
                byId[id] = ((IExporterFactory)component.Factory).Create(id, component.Options, services);
            }
        }

        ById = byId;
    }

    public IReadOnlyDictionary<string, ITelemetryExporter> ById { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var exporter in ById.Values)
        {
            await exporter.DisposeAsync().ConfigureAwait(false);
        }
    }
}
