using LlmOps.Processors.Drift;

namespace LlmOps.Processors.Tests.Drift;

/// <summary>
/// Seeded traffic of a factory assistant: each answer gets correctness, context relevance and hallucination scores
/// and the documents it retrieved, across two models, two prompt versions, three data sources and three user
/// segments. The current window can carry one injected change of a given magnitude.
/// </summary>
internal static class DriftScenarioGenerator
{
    public const int BaselineAnswers = 2000;
    public const int CurrentAnswers = 500;
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Magnitudes per scenario: score drop in the affected slice, or share of traffic affected.</summary>
    public static readonly IReadOnlyDictionary<DriftScenario, double[]> Magnitudes = new Dictionary<DriftScenario, double[]>
    {
        [DriftScenario.ScoreShiftDataSource] = [0.05, 0.1, 0.15, 0.2, 0.3],
        [DriftScenario.ScoreShiftUserSegment] = [0.05, 0.1, 0.15, 0.2, 0.3],
        [DriftScenario.ModelSwap] = [0.1, 0.25, 0.5, 0.75, 1.0],
        [DriftScenario.PromptChange] = [0.03, 0.05, 0.1, 0.15, 0.2],
        [DriftScenario.RetrievalDegradation] = [0.1, 0.2, 0.4, 0.6, 0.8],
        [DriftScenario.ProviderChange] = [0.1, 0.25, 0.5, 0.75, 1.0],
    };

    public static string? ExpectedDimension(DriftScenario s) => s switch
    {
        DriftScenario.ScoreShiftDataSource => RcaDimensions.DataSource,
        DriftScenario.ScoreShiftUserSegment => RcaDimensions.UserSegment,
        DriftScenario.ModelSwap or DriftScenario.ProviderChange => RcaDimensions.Model,
        DriftScenario.PromptChange => RcaDimensions.PromptVersion,
        DriftScenario.RetrievalDegradation => RcaDimensions.Retrieval,
        _ => null,
    };

    public static (List<ScoreSample> Baseline, List<ScoreSample> Current) Generate(DriftScenario scenario, double magnitude, int seed)
    {
        var rng = new Random(seed);
        var baseline = new List<ScoreSample>(BaselineAnswers * 3);
        var current = new List<ScoreSample>(CurrentAnswers * 3);
        for (var i = 0; i < BaselineAnswers; i++)
        {
            Answer(rng, baseline, Now.AddHours(-1).AddMinutes(-rng.Next(1, 7 * 24 * 60)), DriftScenario.Stable, 0);
        }

        for (var i = 0; i < CurrentAnswers; i++)
        {
            Answer(rng, current, Now.AddSeconds(-rng.Next(1, 3600)), scenario, magnitude);
        }

        return (baseline, current);
    }

    private static void Answer(Random rng, List<ScoreSample> into, DateTimeOffset time, DriftScenario scenario, double m)
    {
        var model = rng.NextDouble() < 0.6 ? "gpt-4o" : "gpt-4o-mini";
        var requestModel = model;
        var fingerprint = model == "gpt-4o" ? "fp_a1" : "fp_m1";
        var prompt = rng.NextDouble() < 0.5 ? "v1" : "v2";
        var u = rng.NextDouble();
        var source = u < 0.5 ? "manuals" : u < 0.8 ? "tickets" : "sensors";
        u = rng.NextDouble();
        var segment = u < 0.6 ? "operator" : u < 0.9 ? "engineer" : "manager";
        var retrieval = "top_k=5;emb=e5-large";
        double dc = 0, dr = 0, dh = 0;
        var randomDocs = false;
        switch (scenario)
        {
            case DriftScenario.ScoreShiftDataSource when source == "tickets":
            case DriftScenario.ScoreShiftUserSegment when segment == "engineer":
                dc -= m;
                dr -= m / 2;
                dh += m / 2;
                break;
            case DriftScenario.ModelSwap when rng.NextDouble() < m:
                model = requestModel = "llama-3.1-70b";
                fingerprint = "fp_l1";
                dc -= 0.12;
                dh += 0.06;
                break;
            case DriftScenario.PromptChange when rng.NextDouble() < 0.6:
                prompt = "v3";
                dc -= m;
                dh += m / 2;
                break;
            case DriftScenario.RetrievalDegradation when rng.NextDouble() < m:
                retrieval = "top_k=2;emb=minilm";
                randomDocs = true;
                dr -= 0.2;
                dc -= 0.05;
                break;
            case DriftScenario.ProviderChange when requestModel == "gpt-4o" && rng.NextDouble() < m:
                model = "gpt-4o-2026-02-15";
                fingerprint = "fp_b7";
                dc -= 0.05;
                break;
            default:
                break;
        }

        var docs = new string[4];
        for (var d = 0; d < docs.Length; d++)
        {
            docs[d] = randomDocs ? "chunk-" + rng.Next(100_000) : $"{source}-{Zipf(rng, 150)}";
        }

        var correctness = Math.Clamp(Normal(rng, 0.78 + dc, 0.1), 0, 1);
        var relevance = Math.Clamp(Normal(rng, 0.75 + dr, 0.1), 0, 1);
        var hallucinated = rng.NextDouble() < 0.08 + dh;
        var hallucination = hallucinated ? 0.6 + (0.4 * rng.NextDouble()) : 0.4 * rng.NextDouble();
        foreach (var (name, value) in new[] { ("correctness", correctness), ("context_relevance", relevance), ("hallucination", hallucination) })
        {
            into.Add(new ScoreSample(time, name, value, model, prompt, source, segment, retrieval, docs, model, fingerprint, requestModel));
        }
    }

    private static double Normal(Random rng, double mean, double sd)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Zipf-like rank over n documents (popular documents are retrieved more often).</summary>
    private static int Zipf(Random rng, int n) => (int)Math.Floor(Math.Pow(n + 1, rng.NextDouble())) - 1;
}
