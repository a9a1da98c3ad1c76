namespace LlmOps.Processors.Guardrails;

/// <summary>Finds personal data in text (e-mail, phone, card numbers, IBAN, IP addresses, national ids).</summary>
internal interface IPiiDetector
{
    IReadOnlyList<PiiFinding> Find(string text);
}
