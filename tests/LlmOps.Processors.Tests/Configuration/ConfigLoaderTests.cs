using LlmOps.Processors.Configuration;
using LlmOps.Processors.Cost;

namespace LlmOps.Processors.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private static readonly ComponentRegistry Registry = TestRegistry.Create();

    private const string Valid = """
        receivers:
          otlp:
        processors:
          cost:
            prices:
              - { match: my-model, input: 1, output: 2 }
        exporters:
          sqlite:
            path: ${env:DATA_DIR:-./data}/llmops.db
        service:
          queue:
            max_items: 5000
            max_batch_items: 500
          pipelines:
            traces:
              receivers: [otlp]
              processors: [cost]
              exporters: [sqlite]
        """;

    [Fact]
    public void Load_ValidConfig_BindsEveryComponent()
    {
        var result = ConfigLoader.Load(Valid, Registry, _ => null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal(["otlp"], config.Receivers.Keys);
        var cost = Assert.IsType<CostProcessorOptions>(config.Processors["cost"].Options);
        Assert.Equal("my-model", Assert.Single(cost.Prices).Match);
        Assert.Equal("./data/llmops.db", ((TestExporterOptions)config.Exporters["sqlite"].Options).Path);
        Assert.Equal(5000, config.Service.Queue.MaxItems);
        var pipeline = Assert.Single(config.Pipelines);
        Assert.Equal("traces", pipeline.Signal);
        Assert.Equal(["cost"], pipeline.Processors);
    }

    [Fact]
    public void Load_EnvVariableSet_Substitutes()
    {
        var result = ConfigLoader.Load(Valid, Registry, name => name == "DATA_DIR" ? "/var/lib/llmops" : null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("/var/lib/llmops/llmops.db", ((TestExporterOptions)result.Config!.Exporters["sqlite"].Options).Path);
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryOneWithItsKeyPath()
    {
        const string bad = """
            receivers:
              otlp:
            processors:
              cost:
                prices:
                  - { match: "", input: -1, output: 2 }
                colour: blue
              nosuch:
            exporters:
              sqlite:
                path: ${env:MISSING_VAR}
            service:
              queue:
                max_items: lots
              pipelines:
                traces:
                  receivers: [otlp]
                  processors: [cost, ghost]
                  exporters: []
                widgets:
                  receivers: [otlp]
            """;

        var result = ConfigLoader.Load(bad, Registry, _ => null);

        Assert.False(result.IsValid);
        var all = string.Join("\n", result.Errors);
        Assert.Contains("processors.cost.prices[0].match:", all);
        Assert.Contains("processors.cost.prices[0]: prices must not be negative", all);
        Assert.Contains("processors.cost.colour: unknown setting", all);
        Assert.Contains("processors.nosuch: unknown processor type 'nosuch'", all);
        Assert.Contains("exporters.sqlite.path: environment variable MISSING_VAR is not set", all);
        Assert.Contains("service.queue.max_items: 'lots' is not a whole number", all);
        Assert.Contains("service.pipelines.traces.processors: 'ghost' is not defined", all);
        Assert.Contains("service.pipelines.traces.exporters: at least one exporter is required", all);
        Assert.Contains("service.pipelines.widgets: pipeline id must be traces, metrics or logs", all);
    }

    [Fact]
    public void Load_MalformedYaml_ReportsLine()
    {
        var result = ConfigLoader.Load("receivers:\n  otlp: [unclosed\n", Registry, _ => null);

        Assert.False(result.IsValid);
        Assert.StartsWith("(yaml) line", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DollarEscape_KeepsLiteralDollar()
    {
        var yaml = Valid.Replace("${env:DATA_DIR:-./data}/llmops.db", "/tmp/$$HOME/llmops.db", StringComparison.Ordinal);

        var result = ConfigLoader.Load(yaml, Registry, _ => "x");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("/tmp/$HOME/llmops.db", ((TestExporterOptions)result.Config!.Exporters["sqlite"].Options).Path);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("5s", 5000)]
    [InlineData("2m", 120000)]
    [InlineData("1h", 3600000)]
    [InlineData("1.5", 1500)]
    public void TryParseDuration_KnownUnits_Parses(string text, double expectedMs)
    {
        Assert.True(OptionsBinder.TryParseDuration(text, out var value));
        Assert.Equal(expectedMs, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("")]
    public void TryParseDuration_Garbage_Fails(string text) => Assert.False(OptionsBinder.TryParseDuration(text, out _));
}
