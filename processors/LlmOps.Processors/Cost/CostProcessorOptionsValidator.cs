using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Cost;

internal sealed class CostProcessorOptionsValidator : IOptionsValidator<CostProcessorOptions>
{
    public void Validate(CostProcessorOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (!string.IsNullOrEmpty(options.PriceTableFile))
        {
            if (!File.Exists(options.PriceTableFile))
            {
                errors.Add("price_table_file", $"file '{options.PriceTableFile}' does not exist");
            }
            else
            {
                var entries = PriceTable.Parse(File.ReadAllText(options.PriceTableFile), errors.At("price_table_file"));
                if (entries.Count == 0)
                {
                    errors.Add("price_table_file", "the file defines no prices");
                }
            }
        }

        for (var i = 0; i < options.Prices.Count; i++)
        {
            PriceTable.Validate(options.Prices[i], errors.At($"prices[{i}]"));
        }

        if (options.MaxUnknownModels < 0)
        {
            errors.Add("max_unknown_models", "must not be negative");
        }
    }
}
