namespace LlmOps.Sdk.Redaction;

/// <summary>Removes personal data from captured text before it leaves the process.</summary>
public interface IPiiRedactor
{
    /// <summary>Returns the text with personal data replaced.</summary>
    /// <param name="text">The text to redact.</param>
    /// <returns>The redacted text (the same instance when nothing was found).</returns>
    string Redact(string text);
}
