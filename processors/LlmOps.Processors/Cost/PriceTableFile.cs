namespace LlmOps.Processors.Cost;

/// <summary>The shape of a price table YAML file.</summary>
internal sealed class PriceTableFile
{
    public List<PriceEntry> Prices { get; set; } = [];
}
