using System.Diagnostics.Metrics;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using LlmOps.Sdk;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

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
