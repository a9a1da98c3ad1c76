namespace LlmOps.Processors.Guardrails;

/// <summary>One consistent set of guardrail thresholds.</summary>
internal sealed record GuardrailSnapshot
{
    public bool PiiDetection { get; init; } = true;

    /// <summary>Replace detected personal data in the configured fields before storage.</summary>
    public bool Redact { get; init; } = true;

    public bool ToxicityFilter { get; init; } = true;

    /// <summary>Findings below this confidence are ignored (0..1).</summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>Toxicity at or above this flags the span (0..1).</summary>
    public double ToxicityThreshold { get; init; } = 0.5;

    /// <summary>Groundedness below this counts as a hallucination and flags the span (0..1).</summary>
    public double HallucinationSensitivity { get; init; } = 0.5;

    /// <summary>Prompt plus retrieved context longer than this (characters) flags the span; 0 turns the check off.</summary>
    public int MaxContextLength { get; init; } = 32_000;

    /// <summary>A risk at or above this escalates the flag to critical (0..1).</summary>
    public double AutoEscalationThreshold { get; init; } = 0.85;
}
