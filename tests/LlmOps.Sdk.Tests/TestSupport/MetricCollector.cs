using System.Collections.Concurrent;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace LlmOps.Sdk.Tests.TestSupport;

/// <summary>Copies every exported metric point (metrics are reused by the SDK, so they are snapshotted here).</summary>
internal sealed class MetricCollector : BaseExporter<Metric>
{
    public ConcurrentQueue<MetricPointSnapshot> Points { get; } = new();

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if (metric.MetricType is MetricType.Histogram)
                {
                    var bounds = new List<double>();
                    var counts = new List<long>();
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        bounds.Add(bucket.ExplicitBound);
                        counts.Add(bucket.BucketCount);
                    }

                    Points.Enqueue(new MetricPointSnapshot(metric.Name, metric.Unit, tags, point.GetHistogramCount(), point.GetHistogramSum(), bounds, counts, 0));
                }
                else if (metric.MetricType is MetricType.LongSum)
                {
                    Points.Enqueue(new MetricPointSnapshot(metric.Name, metric.Unit, tags, 1, 0, [], [], point.GetSumLong()));
                }
            }
        }

        return ExportResult.Success;
    }
}
