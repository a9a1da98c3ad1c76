namespace LlmOps.Management.Settings;

/// <summary>Section <c>guardrails</c>: what the guardrails processor flags and where flagged spans go.</summary>
internal sealed class GuardrailSettings
{
    public bool PiiDetection { get; set; } = true;

    public bool RedactPii { get; set; } = true;

    public double ToxicityThreshold { get; set; } = 0.7;

    public double HallucinationThreshold { get; set; } = 0.5;

    public bool BlockOnViolation { get; set; }

    public string ReviewQueue { get; set; } = "High-Risk Responses";

    /// <summary>Toxicity filter on or off.</summary>
    public bool ToxicityFilter { get; set; } = true;

    /// <summary>Detections below this confidence (0..1) are ignored.</summary>
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>Prompt plus retrieved context longer than this many characters is flagged; 0 turns the check off.</summary>
    public int MaxContextLength { get; set; } = 32_000;

    /// <summary>A risk at or above this (0..1) escalates the flag to critical.</summary>
    public double AutoEscalationThreshold { get; set; } = 0.85;
}
