namespace LlmOps.Processors.Guardrails;

/// <summary>
/// The guardrail thresholds, shared live by the guardrails processor and the evaluation engine, so the settings API
/// can change them without a restart. Values are replaced as a whole (immutable snapshot).
/// </summary>
internal sealed class GuardrailSettings
{
    private volatile GuardrailSnapshot _current = new();

    public GuardrailSnapshot Current => _current;

    public void Update(GuardrailSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _current = snapshot;
    }
}
