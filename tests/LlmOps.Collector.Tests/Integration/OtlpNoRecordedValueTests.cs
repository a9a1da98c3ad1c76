using System.Net;
using System.Text;
using Google.Protobuf;
using LlmOps.Collector.Tests.Support;
using LlmOps.Protos.Collector.Metrics.V1;
using LlmOps.Protos.Metrics.V1;
using Xunit;

namespace LlmOps.Collector.Tests.Integration;

/// <summary>
/// A metric point flagged FLAG_NO_RECORDED_VALUE (OTLP's staleness marker) ends its series on <c>/metrics</c> instead
/// of being served as 0, whichever transport brings it (built-in configuration with the prometheus exporter).
/// </summary>
public sealed class OtlpNoRecordedValueTests
{
    private const ulong Time = 1_700_000_000_000_000_000UL;

    [Fact]
    public async Task PointWithoutRecordedValue_RemovesItsSeries_OverGrpcProtobufAndJson()
    {
        await using var collector = await RunningCollector.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var grpc = new GrpcTestClient();
        string[] names = ["grpc", "protobuf", "json"];

        async Task SendAsync(string transport, uint flags)
        {
            var name = "stale." + transport;
            switch (transport)
            {
                case "grpc":
                    var result = await grpc.ExportAsync(collector.App.GrpcPort, GrpcTestClient.MetricsPath, Request(name, flags).ToByteArray());
                    Assert.Equal(0, result.GrpcStatus);
                    Assert.Null(ExportMetricsServiceResponse.Parser.ParseFrom(result.Message).PartialSuccess);
                    break;
                case "protobuf":
                    using (var response = await HttpOtlp.PostAsync(http, collector.App.HttpPort, "/v1/metrics", Request(name, flags).ToByteArray(), "application/x-protobuf"))
                    {
                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
                    }

                    break;
                default:
                    using (var response = await HttpOtlp.PostAsync(http, collector.App.HttpPort, "/v1/metrics", Encoding.UTF8.GetBytes(Json(name, flags)), "application/json"))
                    {
                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
                    }

                    break;
            }
        }

        foreach (var transport in names)
        {
            await SendAsync(transport, 0);
        }

        // The cumulative histogram has no start time: its first point is the baseline of later increases (count 0).
        Assert.True(await MetricsAsync(collector, text => names.All(n => text.Contains($"llmops_otlp_stale_{n} 3.5\n", StringComparison.Ordinal)
            && text.Contains($"llmops_otlp_stale_{n}_latency_seconds_count ", StringComparison.Ordinal))), "the values never reached /metrics");

        foreach (var transport in names)
        {
            await SendAsync(transport, 1);
        }

        Assert.True(await MetricsAsync(collector, text => !text.Contains("llmops_otlp_stale_", StringComparison.Ordinal)), "a point without a recorded value did not end its series");
    }

    /// <summary>A gauge point (3.5, or no value when flagged) and a histogram point (one bucket, or none when flagged).</summary>
    private static ExportMetricsServiceRequest Request(string name, uint flags)
    {
        var gauge = new Gauge();
        var point = new NumberDataPoint { TimeUnixNano = Time, Flags = flags };
        if (flags == 0)
        {
            point.AsDouble = 3.5;
        }

        gauge.DataPoints.Add(point);
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
        var h = new HistogramDataPoint { TimeUnixNano = Time, Flags = flags };
        if (flags == 0)
        {
            h.Count = 1;
            h.Sum = 0.5;
            h.ExplicitBounds.Add(1);
            h.BucketCounts.Add([1, 0]);
        }

        histogram.DataPoints.Add(h);
        return OtlpSamples.Metrics(new Metric { Name = name, Gauge = gauge }, new Metric { Name = name + ".latency", Unit = "s", Histogram = histogram });
    }

    private static string Json(string name, uint flags) => flags == 0
        ? $$$"""
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"{{{name}}}","gauge":{"dataPoints":[{"timeUnixNano":"{{{Time}}}","asDouble":3.5}]}},
              {"name":"{{{name}}}.latency","unit":"s","histogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"{{{Time}}}","count":"1","sum":0.5,"explicitBounds":[1],"bucketCounts":["1","0"]}]}}
            ]}]}]}
            """
        : $$$"""
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"{{{name}}}","gauge":{"dataPoints":[{"timeUnixNano":"{{{Time}}}","flags":{{{flags}}}}]}},
              {"name":"{{{name}}}.latency","unit":"s","histogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"{{{Time}}}","flags":{{{flags}}}}]}}
            ]}]}]}
            """;

    /// <summary>Polls <c>/metrics</c> until <paramref name="condition"/> holds (the prometheus exporter runs after the acknowledgement).</summary>
    private static Task<bool> MetricsAsync(RunningCollector collector, Func<string, bool> condition) =>
        TestCollector.EventuallyAsync(() => condition(collector.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative)).GetAwaiter().GetResult()));
}
