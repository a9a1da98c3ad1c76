namespace LlmOps.Processors.Cost;

/// <summary>One price-table row: US dollars per million tokens from a date on, for models matching a name or pattern.</summary>
internal sealed class PriceEntry
{
    public string Match { get; set; } = string.Empty;

    public string? Provider { get; set; }

    public DateTimeOffset EffectiveFrom { get; set; } = DateTimeOffset.MinValue;

    public double Input { get; set; }

    public double Output { get; set; }

    public double? CachedInput { get; set; }

    public double? Reasoning { get; set; }
}
