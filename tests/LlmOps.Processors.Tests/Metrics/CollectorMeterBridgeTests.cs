using System.Diagnostics.Metrics;
using LlmOps.Processors.Metrics;
using LlmOps.Sdk;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

public sealed class CollectorMeterBridgeTests
{
    [Fact]
    public void Bridge_CollectorInstruments_ServedWithTranslatedNames()
    {
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry, "1.2.3");
        using var meter = new Meter(SemanticConventions.CollectorMeterName);
        var received = meter.CreateCounter<long>(SemanticConventions.CollectorReceivedItems, "{item}", "Items received.");
        var refused = meter.CreateCounter<long>(SemanticConventions.CollectorRefusedItems, "{item}");
        var dropped = meter.CreateCounter<long>(SemanticConventions.CollectorDroppedItems, "{item}");
        var depth = 7;
        meter.CreateObservableGauge(SemanticConventions.CollectorQueueSize, () => depth, "{batch}");
        var batch = meter.CreateHistogram<double>(SemanticConventions.CollectorBatchDuration, "s");
        received.Add(5, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, "traces"));
        received.Add(2, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, "traces"));
        refused.Add(1, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, "logs"), new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrReason, "overloaded"));
        dropped.Add(3);
        batch.Record(0.02);

        var text = registry.Render();
        Assert.Contains(MetricNames.CollectorReceivedTotal + "{signal=\"traces\"} 7\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.CollectorRefusedTotal + "{reason=\"overloaded\",signal=\"logs\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.CollectorDroppedTotal + " 3\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.CollectorQueueDepth + " 7\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.CollectorBatchDurationSeconds + "_count 1\n", text, StringComparison.Ordinal);
        Assert.Contains(MetricNames.BuildInfo + "{version=\"1.2.3\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bridge_OtherMeter_Ignored()
    {
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry);
        using var meter = new Meter("Someone.Else");
        // A marker value of this test's own: other tests running in parallel may publish the collector's meter.
        var marker = "someone-else-" + Guid.NewGuid().ToString("N");
        meter.CreateCounter<long>(SemanticConventions.CollectorReceivedItems).Add(1, new KeyValuePair<string, object?>(SemanticConventions.CollectorAttrSignal, marker));
        Assert.DoesNotContain(marker, registry.Render(), StringComparison.Ordinal);
    }
}
