using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Cost;

/// <summary>Builds and caches price tables per configuration so processors are created without I/O.</summary>
internal sealed class PriceTableProvider
{
    private readonly Lock _gate = new();
    private (string Key, PriceTable Table)? _cached;

    public PriceTable Get(CostProcessorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stamp = string.IsNullOrEmpty(options.PriceTableFile) || !File.Exists(options.PriceTableFile)
            ? string.Empty
            : File.GetLastWriteTimeUtc(options.PriceTableFile).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = $"{options.PriceTableFile}|{stamp}|{options.Prices.Count}|{string.Join(';', options.Prices.Select(p => $"{p.Match}@{p.EffectiveFrom:O}={p.Input}/{p.Output}/{p.CachedInput}/{p.Reasoning}"))}";
        lock (_gate)
        {
            if (_cached is { } c && c.Key == key)
            {
                return c.Table;
            }

            var errors = new ValidationErrors();
            var yaml = stamp.Length > 0 ? File.ReadAllText(options.PriceTableFile) : PriceTable.DefaultYaml();
            var entries = PriceTable.Parse(yaml, errors);
            // Extra entries first: on an equal match and date they win because ordering is stable.
            var table = new PriceTable(options.Prices.Concat(entries));
            _cached = (key, table);
            return table;
        }
    }
}
