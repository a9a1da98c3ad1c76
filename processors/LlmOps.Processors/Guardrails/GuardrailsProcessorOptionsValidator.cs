using LlmOps.Processors.Configuration;

namespace LlmOps.Processors.Guardrails;

internal sealed class GuardrailsProcessorOptionsValidator : IOptionsValidator<GuardrailsProcessorOptions>
{
    public void Validate(GuardrailsProcessorOptions options, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        Unit(options.MinConfidence, "min_confidence", errors);
        Unit(options.ToxicityThreshold, "toxicity_threshold", errors);
        Unit(options.HallucinationSensitivity, "hallucination_sensitivity", errors);
        Unit(options.AutoEscalationThreshold, "auto_escalation_threshold", errors);
        if (options.MaxContextLength < 0)
        {
            errors.Add("max_context_length", "must be 0 (off) or a positive number of characters");
        }

        foreach (var (rule, queue) in options.Queues)
        {
            if (rule is not ("pii" or "toxicity" or "context_length"))
            {
                errors.Add($"queues.{rule}", "unknown guardrail rule (expected pii, toxicity, context_length)");
            }

            if (string.IsNullOrWhiteSpace(queue))
            {
                errors.Add($"queues.{rule}", "queue name must not be empty");
            }
        }
    }

    private static void Unit(double value, string key, ValidationErrors errors)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            errors.Add(key, "must be between 0 and 1");
        }
    }
}
