using System.Globalization;
using BenchmarkDotNet.Attributes;
using LlmOps.Processors.Metrics;

namespace LlmOps.Benchmarks.Metrics;

/// <summary>
/// Rendering /metrics with 10,000 series (5,000 counter, 4,000 gauge and 1,000 histogram series of 15 buckets: about
/// 26,000 sample lines) against a baseline of 1,000 series of the same mix. Target: under 50 ms.
/// </summary>
[MemoryDiagnoser]
public class MetricsRenderBenchmarks
{
    private MetricRegistry _small = null!;
    private MetricRegistry _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _small = Build(1_000);
        _large = Build(10_000);
    }

    [Benchmark(Baseline = true)]
    public int Render1000Series() => _small.Render().Length;

    [Benchmark]
    public int Render10000Series() => _large.Render().Length;

    private static MetricRegistry Build(int series)
    {
        var r = new MetricRegistry(defaultMaxSeries: series);
        var counters = r.Counter("llmops_bench_requests_total", "Requests.", ["model", "user"]);
        var gauges = r.Gauge("llmops_bench_value", "Values.", ["kind", "name"]);
        var hist = r.Histogram("llmops_bench_duration_seconds", "Durations.", KpiMetricsExporterOptions.GenAiDurationBuckets, ["model"]);
        var rng = new Random(1);
        for (var i = 0; i < series / 2; i++)
        {
            counters.WithLabels("model-" + (i % 10).ToString(CultureInfo.InvariantCulture), "user-" + i.ToString(CultureInfo.InvariantCulture)).Add(rng.Next(1000));
        }

        for (var i = 0; i < series * 2 / 5; i++)
        {
            gauges.WithLabels("k" + (i % 7).ToString(CultureInfo.InvariantCulture), "name \"" + i.ToString(CultureInfo.InvariantCulture) + "\"").Set(rng.NextDouble());
        }

        for (var i = 0; i < series / 10; i++)
        {
            var s = hist.WithLabels("model-" + i.ToString(CultureInfo.InvariantCulture));
            for (var j = 0; j < 20; j++)
            {
                s.Observe(rng.NextDouble() * 10);
            }
        }

        return r;
    }
}
