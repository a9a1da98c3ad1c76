using System.Diagnostics.Metrics;
using LlmOps.Processors.Metrics;
using LlmOps.Processors.Tests.Infrastructure;
using LlmOps.Sdk;
using Xunit;

namespace LlmOps.Processors.Tests.Metrics;

[Collection(CollectorMeterCollection.Name)]
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
    public void Bridge_NullOrEmptyTag_SameSeriesAsWithoutTheTag()
    {
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry, meterName: "LlmOps.Test.EmptyTags");
        using var meter = new Meter("LlmOps.Test.EmptyTags");
        var counter = meter.CreateCounter<long>("llmops.test.things");
        counter.Add(1);
        counter.Add(2, new KeyValuePair<string, object?>("tenant", null));
        counter.Add(4, new KeyValuePair<string, object?>("tenant", string.Empty));

        Assert.Equal(["llmops_test_things_total 7"], registry.Render().Split('\n').Where(l => l.StartsWith("llmops_test_things", StringComparison.Ordinal)));
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

    [Fact]
    public void Bridge_RuntimeMetrics_GcCollectionsAndPauseTimeServed()
    {
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry, runtimeMetrics: true);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);

        var text = registry.Render();
        var gen2 = text.Split('\n').Single(l => l.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal) && l.Contains("gen2", StringComparison.Ordinal));
        Assert.True(double.Parse(gen2[(gen2.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 1, gen2);
        Assert.Contains("\ndotnet_gc_pause_time_seconds_total ", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_pause_time_seconds_total counter\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bridge_RuntimeThreadPoolCounts_ServedAsGaugesNotCounters()
    {
        // The runtime publishes these two as ObservableCounter although they go down (the semantic conventions make
        // them up-down counters): as Prometheus counters every drop would read as a reset.
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry, runtimeMetrics: true);

        var text = registry.Render();
        Assert.Contains("# TYPE dotnet_thread_pool_thread_count_value gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_thread_pool_queue_length gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_thread_pool_thread_count_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_thread_pool_queue_length_total", text, StringComparison.Ordinal);
        var threads = text.Split('\n').Single(l => l.StartsWith("dotnet_thread_pool_thread_count_value ", StringComparison.Ordinal));
        Assert.Equal(ThreadPool.ThreadCount, double.Parse(threads[(threads.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture), 1e9);
        // Completed work items do only go up: still a counter.
        Assert.Contains("# TYPE dotnet_thread_pool_work_item_count_total counter\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bridge_RuntimeMetricsOff_RuntimeMeterIgnored()
    {
        var registry = new MetricRegistry();
        using var bridge = new CollectorMeterBridge(registry);
        GC.Collect();
        Assert.DoesNotContain("dotnet_gc_", registry.Render(), StringComparison.Ordinal);
    }
}
