namespace LlmOps.Processors.Guardrails;

/// <summary>Settings of the <c>guardrails</c> processor (start values; the settings API may change thresholds live).</summary>
internal sealed class GuardrailsProcessorOptions
{
    public bool PiiDetection { get; set; } = true;

    /// <summary>Replace detected personal data with <c>[REDACTED:TYPE]</c> before the span is stored.</summary>
    public bool Redact { get; set; } = true;

    /// <summary>Which fields are redacted: span attribute keys (content attributes by default) and <c>feedback.comment</c>.</summary>
    public List<string> RedactFields { get; set; } =
    [
        "gen_ai.input.messages",
        "gen_ai.output.messages",
        "gen_ai.system_instructions",
        "gen_ai.retrieval.documents",
        "gen_ai.retrieval.query.text",
        "input.value",
        "output.value",
        "feedback.comment",
    ];

    public bool ToxicityFilter { get; set; } = true;

    public double MinConfidence { get; set; } = 0.5;

    public double ToxicityThreshold { get; set; } = 0.5;

    public double HallucinationSensitivity { get; set; } = 0.5;

    public int MaxContextLength { get; set; } = 32_000;

    public double AutoEscalationThreshold { get; set; } = 0.85;

    /// <summary>Annotation queue per guardrail rule (<c>pii</c>, <c>toxicity</c>, <c>context_length</c>).</summary>
    public Dictionary<string, string> Queues { get; set; } = new(StringComparer.Ordinal)
    {
        ["pii"] = "High-Risk Responses",
        ["toxicity"] = "High-Risk Responses",
        ["context_length"] = "High-Risk Responses",
    };

    public GuardrailSnapshot ToSnapshot() => new()
    {
        PiiDetection = PiiDetection,
        Redact = Redact,
        ToxicityFilter = ToxicityFilter,
        MinConfidence = MinConfidence,
        ToxicityThreshold = ToxicityThreshold,
        HallucinationSensitivity = HallucinationSensitivity,
        MaxContextLength = MaxContextLength,
        AutoEscalationThreshold = AutoEscalationThreshold,
    };
}
