using LlmOps.Processors.Model;
using LlmOps.Processors.Pipeline;
using LlmOps.Sdk;

namespace LlmOps.Processors.Cost;

/// <summary>
/// Puts a US-dollar cost on every GenAI span with token usage and a known model: uncached input, cached input,
/// output and reasoning tokens each at their price (reasoning tokens are part of the output tokens, so they are
/// priced instead of, not on top of, output). Unknown models get no cost and are counted and listed, never guessed.
/// </summary>
internal sealed class CostProcessor : ITelemetryProcessor
{
    private const double PerMillion = 1_000_000.0;
    private readonly PriceTable _table;
    private readonly CostProcessorOptions _options;
    private readonly CostStatistics _statistics;

    public CostProcessor(string id, CostProcessorOptions options, PriceTable table, CostStatistics statistics)
    {
        Id = id;
        _options = options;
        _table = table;
        _statistics = statistics;
    }

    public string Id { get; }

    public ValueTask ProcessAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var span in batch.Spans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Price(span);
        }

        return ValueTask.CompletedTask;
    }

    internal void Price(SpanRecord span)
    {
        var g = span.GenAi;
        if (!g.IsGenAi || (g.InputTokens is null && g.OutputTokens is null))
        {
            return;
        }

        var clientCost = span.Attributes.Get(SemanticConventions.LlmOpsCostUsd)?.AsDouble();
        if (clientCost is >= 0 && !_options.OverrideClientCost)
        {
            span.CostUsd = clientCost;
            return;
        }

        var model = g.EffectiveModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            _statistics.RecordUnknown("(no model)", _options.MaxUnknownModels);
            return;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, span.StartTimeUnixNano / 1_000_000));
        var price = _table.Find(model, at) ?? (g.RequestModel is { } requested && requested != model ? _table.Find(requested, at) : null);
        if (price is null)
        {
            _statistics.RecordUnknown(model, _options.MaxUnknownModels);
            return;
        }

        span.CostUsd = Compute(price, Math.Max(0, g.InputTokens ?? 0), Math.Max(0, g.OutputTokens ?? 0), Math.Max(0, g.CachedInputTokens ?? 0), Math.Max(0, g.ReasoningTokens ?? 0));
    }

    internal static double Compute(PriceEntry price, long input, long output, long cached, long reasoning)
    {
        cached = Math.Min(cached, input);
        reasoning = Math.Min(reasoning, output);
        var cost = ((input - cached) * price.Input)
            + (cached * (price.CachedInput ?? price.Input))
            + ((output - reasoning) * price.Output)
            + (reasoning * (price.Reasoning ?? price.Output));
        return cost / PerMillion;
    }

    public void Dispose()
    {
    }
}
