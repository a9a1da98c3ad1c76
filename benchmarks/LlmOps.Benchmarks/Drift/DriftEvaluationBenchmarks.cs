using BenchmarkDotNet.Attributes;
using LlmOps.Processors.Drift;

namespace LlmOps.Benchmarks.Drift;

/// <summary>
/// Drift evaluation over 1,000,000 stored scores (3 scores, 2 models, 3 prompt versions, 3 data sources, retrieved
/// documents; a prompt change injected so that root-cause analysis runs) against a baseline of sorting the same number
/// of doubles (the floor of the Kolmogorov-Smirnov and Wasserstein steps). Target: under 2 s.
/// </summary>
[MemoryDiagnoser]
public class DriftEvaluationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private ScoreSample[] _samples = null!;
    private double[] _values = null!;
    private DriftDetector _detector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        string[] scores = ["correctness", "context_relevance", "hallucination"];
        string[] sources = ["manuals", "tickets", "sensors"];
        string[] segments = ["operator", "engineer", "manager"];
        var docs = Enumerable.Range(0, 600).Select(i => new[] { "doc-" + i, "doc-" + ((i * 7) % 600), "doc-" + ((i * 13) % 600) }).ToArray();
        _samples = new ScoreSample[1_000_000];
        for (var i = 0; i < _samples.Length; i++)
        {
            var current = i % 10 == 0;
            var time = current ? Now.AddSeconds(-rng.Next(1, 3600)) : Now.AddHours(-1).AddMinutes(-rng.Next(1, 7 * 24 * 60));
            var model = rng.Next(2) == 0 ? "gpt-4o" : "gpt-4o-mini";
            var prompt = current && rng.Next(2) == 0 ? "v3" : rng.Next(2) == 0 ? "v1" : "v2";
            var value = Math.Clamp(0.78 + ((rng.NextDouble() - 0.5) * 0.3) - (prompt == "v3" ? 0.1 : 0), 0, 1);
            _samples[i] = new ScoreSample(time, scores[i % 3], value, model, prompt, sources[rng.Next(3)], segments[rng.Next(3)], "top_k=5", docs[rng.Next(docs.Length)], model, "fp", model);
        }

        _values = _samples.Select(s => s.Value).ToArray();
        _detector = new DriftDetector(new DriftOptions());
    }

    [Benchmark(Baseline = true)]
    public double SortMillionScores()
    {
        var copy = (double[])_values.Clone();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }

    [Benchmark]
    public int EvaluateMillionScores() => _detector.Evaluate(_samples, Now).Findings.Count;
}
