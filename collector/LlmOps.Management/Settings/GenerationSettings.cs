namespace LlmOps.Management.Settings;

/// <summary>Section <c>generation</c>: defaults for the answering model.</summary>
internal sealed class GenerationSettings
{
    public string Model { get; set; } = "gpt-4o-mini";

    public double Temperature { get; set; } = 0.2;

    public int MaxTokens { get; set; } = 1024;

    public double TopP { get; set; } = 1.0;

    public double FrequencyPenalty { get; set; }

    public double PresencePenalty { get; set; }
}
