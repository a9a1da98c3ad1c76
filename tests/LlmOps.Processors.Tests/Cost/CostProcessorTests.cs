using LlmOps.Processors.Configuration;
using LlmOps.Processors.Cost;
using LlmOps.Processors.Model;
using LlmOps.Sdk;

namespace LlmOps.Processors.Tests.Cost;

public sealed class CostProcessorTests
{
    private static readonly DateTimeOffset June2025 = new(2025, 6, 20, 0, 0, 0, TimeSpan.Zero);

    private static (CostProcessor Processor, CostStatistics Stats) Create(CostProcessorOptions? options = null)
    {
        options ??= new CostProcessorOptions();
        var stats = new CostStatistics();
        return (new CostProcessor("cost", options, new PriceTableProvider().Get(options), stats), stats);
    }

    private static SpanRecord Span(string? model, long? input, long? output, DateTimeOffset at, long? cached = null, long? reasoning = null)
    {
        var span = new SpanRecord { TraceId = new string('a', 32), SpanId = new string('b', 16), StartTimeUnixNano = at.ToUnixTimeMilliseconds() * 1_000_000 };
        if (model is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiRequestModel, AttrValue.Of(model));
        }

        span.Attributes.Add(SemanticConventions.GenAiOperationName, AttrValue.Of("chat"));
        if (input is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiUsageInputTokens, AttrValue.Of(input.Value));
        }

        if (output is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiUsageOutputTokens, AttrValue.Of(output.Value));
        }

        if (cached is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiUsageCachedInputTokens, AttrValue.Of(cached.Value));
        }

        if (reasoning is not null)
        {
            span.Attributes.Add(SemanticConventions.GenAiUsageReasoningTokens, AttrValue.Of(reasoning.Value));
        }

        span.GenAi = GenAiNormalizer.Normalize(span);
        return span;
    }

    private static async Task<SpanRecord> PriceAsync(CostProcessor processor, SpanRecord span)
    {
        var batch = new TelemetryBatch();
        batch.Spans.Add(span);
        await processor.ProcessAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return span;
    }

    [Fact]
    public async Task ProcessAsync_KnownModel_PricesInputAndOutput()
    {
        var (p, _) = Create();

        var span = await PriceAsync(p, Span("gpt-4o-mini", 1_000_000, 500_000, June2025));

        Assert.Equal(0.15 + 0.30, span.CostUsd!.Value, 9);
    }

    [Fact]
    public async Task ProcessAsync_CachedAndReasoningTokens_PricedSeparatelyWithoutDoubleCounting()
    {
        var (p, _) = Create(new CostProcessorOptions { Prices = [new PriceEntry { Match = "m", Input = 10, Output = 20, CachedInput = 1, Reasoning = 40 }] });

        var span = await PriceAsync(p, Span("m", 1000, 1000, June2025, cached: 400, reasoning: 250));

        // 600 uncached * 10 + 400 cached * 1 + 750 output * 20 + 250 reasoning * 40, per million.
        Assert.Equal(((600 * 10) + (400 * 1) + (750 * 20) + (250 * 40)) / 1e6, span.CostUsd!.Value, 12);
    }

    [Theory]
    [InlineData("openai/gpt-4o-2024-08-06")]
    [InlineData("GPT-4o")]
    [InlineData("models/gpt-4o")]
    [InlineData("gpt-4o@20240806")]
    public async Task ProcessAsync_NameVariants_NormalisedToSamePrice(string model)
    {
        var (p, _) = Create();

        var span = await PriceAsync(p, Span(model, 1_000_000, 0, June2025));

        Assert.Equal(2.50, span.CostUsd!.Value, 9);
    }

    [Fact]
    public async Task ProcessAsync_EffectiveDates_OlderSpanUsesOlderPrice()
    {
        var (p, _) = Create();

        var before = await PriceAsync(p, Span("o3", 1_000_000, 0, new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero)));
        var after = await PriceAsync(p, Span("o3", 1_000_000, 0, June2025));

        Assert.Equal(10.0, before.CostUsd!.Value, 9);
        Assert.Equal(2.0, after.CostUsd!.Value, 9);
    }

    [Fact]
    public async Task ProcessAsync_PatternEntry_MatchesFamily()
    {
        var (p, _) = Create();

        var span = await PriceAsync(p, Span("anthropic.claude-sonnet-4-20250514-v1:0", 1_000_000, 0, June2025));

        Assert.Equal(3.0, span.CostUsd!.Value, 9);
    }

    [Fact]
    public async Task ProcessAsync_UnknownModel_NoCostAndListed()
    {
        var (p, stats) = Create();

        var span = await PriceAsync(p, Span("acme-frontier-9000", 100, 100, June2025));
        await PriceAsync(p, Span("acme-frontier-9000", 100, 100, June2025));

        Assert.Null(span.CostUsd);
        Assert.Equal(2, stats.UnknownModelSpans);
        var unknown = Assert.Single(stats.UnknownModels());
        Assert.Equal("acme-frontier-9000", unknown.Key);
        Assert.Equal(2, unknown.Value);
    }

    [Fact]
    public async Task ProcessAsync_NoTokensOrNotGenAi_LeavesCostUnset()
    {
        var (p, stats) = Create();
        var plain = new SpanRecord { TraceId = new string('a', 32), SpanId = new string('c', 16), Name = "GET /" };

        await PriceAsync(p, plain);
        var noTokens = await PriceAsync(p, Span("gpt-4o", null, null, June2025));

        Assert.Null(plain.CostUsd);
        Assert.Null(noTokens.CostUsd);
        Assert.Equal(0, stats.UnknownModelSpans);
    }

    [Fact]
    public void Validate_MissingPriceFile_ReportsPath()
    {
        var errors = new ValidationErrors();

        new CostProcessorOptionsValidator().Validate(new CostProcessorOptions { PriceTableFile = "/nonexistent/prices.yaml" }, errors.At("processors.cost"));

        Assert.Contains("processors.cost.price_table_file: file '/nonexistent/prices.yaml' does not exist", errors.All);
    }

    [Fact]
    public void PriceTableFile_ChangedBehindALinkWithItsOwnTimeUnchanged_IsReadAgain()
    {
        // A file from a Kubernetes ConfigMap: prices.yaml -> ..data/prices.yaml, updated by pointing ..data elsewhere.
        var dir = Directory.CreateTempSubdirectory("llmops-prices-").FullName;
        try
        {
            WritePrices(Path.Combine(dir, "v1"), 1.00);
            File.CreateSymbolicLink(Path.Combine(dir, "..data"), "v1");
            var path = Path.Combine(dir, "prices.yaml");
            File.CreateSymbolicLink(path, Path.Combine("..data", "prices.yaml"));
            var provider = new PriceTableProvider();
            var options = new CostProcessorOptions { PriceTableFile = path };
            Assert.Equal(1.00, provider.Get(options).Find("test-model", June2025)!.Input);

            WritePrices(Path.Combine(dir, "v2"), 2.00);
            Directory.Delete(Path.Combine(dir, "..data"));
            File.CreateSymbolicLink(Path.Combine(dir, "..data"), "v2");

            Assert.Equal(2.00, provider.Get(options).Find("test-model", June2025)!.Input);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        static void WritePrices(string directory, double input)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "prices.yaml"), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"prices:\n  - {{ match: test-model, effective_from: 2024-01-01, input: {input:0.00}, output: 3.00 }}\n"));
        }
    }

    [Fact]
    public void DefaultYaml_ShippedTable_ParsesWithoutErrors()
    {
        var errors = new ValidationErrors();

        var entries = PriceTable.Parse(PriceTable.DefaultYaml(), errors);

        Assert.Empty(errors.All);
        Assert.True(entries.Count >= 20);
    }
}
