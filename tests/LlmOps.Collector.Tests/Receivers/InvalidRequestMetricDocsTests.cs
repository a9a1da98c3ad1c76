using System.Text.RegularExpressions;
using Xunit;
using Names = LlmOps.Collector.Diagnostics.MetricNames;

namespace LlmOps.Collector.Tests.Receivers;

/// <summary>docs/metrics.md names every protocol and reason the receivers count whole refused requests by.</summary>
public sealed class InvalidRequestMetricDocsTests
{
    [Fact]
    public void MetricsMd_RequestsInvalid_NamesEveryProtocolAndReason()
    {
        var row = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "metrics.md"))
            .Single(l => l.Contains("| `llmops_collector_requests_invalid_total` |", StringComparison.Ordinal));
        foreach (var value in new[]
        {
            Names.Grpc, Names.HttpProtobuf, Names.HttpJson, Names.Http,
            Names.Malformed, Names.TooLarge, Names.UnsupportedMediaType, Names.Unauthenticated, Names.PermissionDenied,
        })
        {
            // As a value of its own: "http" inside "http/json" does not count.
            Assert.Matches($@"[\s(,]{Regex.Escape(value)}[\s,)]", row);
        }
    }
}
