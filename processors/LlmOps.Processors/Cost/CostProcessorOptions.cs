namespace LlmOps.Processors.Cost;

/// <summary>Settings of the <c>cost</c> processor.</summary>
internal sealed class CostProcessorOptions
{
    /// <summary>A price table YAML file that replaces the shipped table; empty keeps the shipped one.</summary>
    public string PriceTableFile { get; set; } = string.Empty;

    /// <summary>Extra price entries, taking precedence over the table for the same match and date.</summary>
    public List<PriceEntry> Prices { get; set; } = [];

    /// <summary>Recompute cost even when a span already carries <c>llmops.cost.usd</c> from the client.</summary>
    public bool OverrideClientCost { get; set; }

    /// <summary>How many distinct unknown model names are remembered for the unknown-models list.</summary>
    public int MaxUnknownModels { get; set; } = 1000;
}
