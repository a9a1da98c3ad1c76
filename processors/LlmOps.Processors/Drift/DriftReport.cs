namespace LlmOps.Processors.Drift;

/// <summary>Every comparison of one evaluation, detected or not.</summary>
internal sealed class DriftReport
{
    public DateTimeOffset EvaluatedAt { get; init; }

    public int BaselineSamples { get; init; }

    public int CurrentSamples { get; init; }

    public List<DriftFinding> Findings { get; } = [];

    public bool Detected => Findings.Exists(f => f.Detected);

    /// <summary>The most severe detected finding over all models and prompts, else the most severe slice finding.</summary>
    public DriftFinding? Primary =>
        Findings.Where(f => f.Detected).OrderByDescending(f => f.Model == "*" && f.PromptVersion == "*").ThenByDescending(f => f.Severity).FirstOrDefault();
}
