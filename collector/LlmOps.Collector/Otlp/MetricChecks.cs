using System.Globalization;
using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Checks both metric decoders make on a decoded point, so a point the collector cannot serve is rejected in the
/// response's <c>partial_success</c> instead of being acknowledged and dropped later by the <c>/metrics</c> view.
/// </summary>
internal static class MetricChecks
{
    /// <summary>Why <paramref name="point"/> cannot be accepted, or null when it can.</summary>
    public static string? Error(MetricPointRecord point)
    {
        if (TimeChecks.Wrapped(point.TimeUnixNano))
        {
            return TimeChecks.TooLate("time");
        }

        if (TimeChecks.Wrapped(point.StartTimeUnixNano))
        {
            return TimeChecks.TooLate("start time");
        }

        switch (point.Kind)
        {
            case MetricKind.Histogram when point.NoRecordedValue:
                // A staleness marker: no buckets to check, it only ends the series on /metrics.
                return null;
            case MetricKind.ExponentialHistogram:
                return "exponential histograms are not supported: send explicit-bucket histograms";
            case MetricKind.Summary:
                return "summaries are not supported: send explicit-bucket histograms";
            case MetricKind.Histogram when point.BucketCounts.Count == 0:
                return "histogram point without buckets (bucketCounts is empty) is not supported";
            case MetricKind.Histogram when point.BucketCounts.Count != point.ExplicitBounds.Count + 1:
                return string.Create(CultureInfo.InvariantCulture, $"histogram point has {point.BucketCounts.Count} bucket counts for {point.ExplicitBounds.Count} bounds (needs one more count than bounds)");
            default:
                return null;
        }
    }
}
