using System.Diagnostics.Metrics;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Model;
using LlmOps.Processors.Tests.Infrastructure;
using LlmOps.Sdk;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

[Collection(CollectorMeterCollection.Name)]
public sealed class PromtoolCheckMetricsTests
{
    [ToolFact(ExternalTools.Promtool)]
    public async Task CheckMetrics_FullExposition_AcceptedWithoutLintProblems()
    {
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry);
        using var meter = new Meter(SemanticConventions.CollectorMeterName);
        meter.CreateCounter<long>(SemanticConventions.CollectorReceivedItems, "{item}").Add(3);
        meter.CreateHistogram<double>(SemanticConventions.CollectorBatchDuration, "s").Record(0.01);
        var exporter = new KpiMetricsExporter("prometheus", new KpiMetricsExporterOptions { CostByUser = true }, registry, TimeProvider.System);
        await exporter.ExportAsync(new SyntheticTelemetry(3).Next(100), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var drift = registry.Gauge(MetricNames.DriftRcaInfo, "h", [MetricNames.LabelSummary]);
        drift.WithLabels("Quoted \"text\" with \\ and\nnewline").Set(1);

        var text = registry.Render();
        var result = await Processes.RunAsync(ExternalTools.Require(ExternalTools.Promtool), ["check", "metrics"], text, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"promtool check metrics failed:\n{result.StdOut}\n{result.StdErr}");
        Assert.True(string.IsNullOrWhiteSpace(result.StdOut + result.StdErr), $"promtool reported:\n{result.StdOut}{result.StdErr}");
    }

    [ToolFact(ExternalTools.Promtool)]
    public async Task CheckMetrics_ReceivedOtlpUnits_ValidNamesAndUnitSuffixesLintFree()
    {
        // Names and units as senders write them: a leading digit, non-ASCII letters, x/y units, annotations, a unit
        // that cannot be spelt in a name. Every suffix the translation adds is a Prometheus base unit or none.
        var promtool = ExternalTools.Require(ExternalTools.Promtool);
        var (registry, mapper) = OtlpMetricsMapperTests.Create();
        var resource = OtlpMetricsMapperTests.Resource(("service.name", "names"));
        foreach (var (name, unit) in new[]
        {
            ("9lives.r\u00e9seau-x", "1/s"), ("audit.speed", "m/s"), ("audit.rate", "{req}/s"), ("audit.temp", "Cel"),
            ("audit.size", "By"), ("audit.wait", "s"), ("audit.load", "%"), ("audit.freq", "Hz"), ("room.temp", "\u00b0F"), ("audit.share", "1"),
        })
        {
            var point = OtlpMetricsMapperTests.Point(name, MetricKind.Gauge, 1, resource);
            point.Unit = unit;
            mapper.Apply(point);
        }

        var text = registry.Render();
        var result = await Processes.RunAsync(promtool, ["check", "metrics"], text, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0 && string.IsNullOrWhiteSpace(result.StdOut + result.StdErr), $"promtool check metrics ({result.ExitCode}):\n{result.StdOut}{result.StdErr}\n{text}");
        Assert.Contains("\nllmops_otlp_9lives_r_seau_x_per_second{", text, StringComparison.Ordinal);

        // A unit that is not a base unit keeps its name, as the OpenTelemetry rules say (ms → _milliseconds): promtool
        // lints the unit, but the names are valid and the exposition parses (exit code 3, lint only, not 1).
        foreach (var (name, unit) in new[] { ("audit.a", "ms"), ("audit.b", "\u00b5s"), ("audit.c", "h"), ("audit.d", "KBy") })
        {
            var point = OtlpMetricsMapperTests.Point(name, MetricKind.Gauge, 1, resource);
            point.Unit = unit;
            mapper.Apply(point);
        }

        var lint = await Processes.RunAsync(promtool, ["check", "metrics"], registry.Render(), TimeSpan.FromSeconds(60));
        Assert.Equal(3, lint.ExitCode);
        Assert.All(lint.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Contains("use base unit", l, StringComparison.Ordinal));
    }

    [ToolFact(ExternalTools.Promtool)]
    public async Task CheckMetrics_BrokenExposition_Rejected()
    {
        // Guards the test above: promtool must reject an unescaped label value and lint a counter without _total.
        var promtool = ExternalTools.Require(ExternalTools.Promtool);
        var unescaped = await Processes.RunAsync(promtool, ["check", "metrics"], "a{b=\"x\ny\"} 1\n", TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, unescaped.ExitCode);
        var lint = await Processes.RunAsync(promtool, ["check", "metrics"], "# HELP a x\n# TYPE a counter\na 1\n", TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, lint.ExitCode);
    }
}
