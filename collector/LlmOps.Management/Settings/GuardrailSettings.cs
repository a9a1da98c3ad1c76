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
}
