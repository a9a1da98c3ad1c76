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

        // Keyed by the file's text, not its modification time: a file mounted from a Kubernetes ConfigMap changes by a
        // link swapped one level up, which leaves the path's own time as it was. It is read only when processors are
        // built (start and config reloads).
        var text = string.IsNullOrEmpty(options.PriceTableFile) || !File.Exists(options.PriceTableFile)
            ? null
            : File.ReadAllText(options.PriceTableFile);
        var key = $"{options.PriceTableFile}|{text}|{options.Prices.Count}|{string.Join(';', options.Prices.Select(p => $"{p.Match}@{p.EffectiveFrom:O}={p.Input}/{p.Output}/{p.CachedInput}/{p.Reasoning}"))}";
        lock (_gate)
        {
            if (_cached is { } c && c.Key == key)
            {
                return c.Table;
            }

            var errors = new ValidationErrors();
            var entries = PriceTable.Parse(text ?? PriceTable.DefaultYaml(), errors);
            // Extra entries first: on an equal match and date they win because ordering is stable.
            var table = new PriceTable(options.Prices.Concat(entries));
            _cached = (key, table);
            return table;
        }
    }
}
