namespace LlmOps.Processors.Configuration;

/// <summary>A loaded and validated collector configuration.</summary>
internal sealed class CollectorConfig
{
    public Dictionary<string, ComponentConfig> Receivers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ComponentConfig> Processors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ComponentConfig> Exporters { get; } = new(StringComparer.Ordinal);

    public List<PipelineConfig> Pipelines { get; } = [];

    public ServiceOptions Service { get; set; } = new();

    /// <summary>The options of the first receiver/processor/exporter of a type, or null.</summary>
    public TOptions? Find<TOptions>(ComponentKind kind, string type)
        where TOptions : class
    {
        var map = kind switch
        {
            ComponentKind.Receiver => Receivers,
            ComponentKind.Processor => Processors,
            _ => Exporters,
        };
        return map.Values.FirstOrDefault(c => c.Factory.Type == type)?.Options as TOptions;
    }
}
