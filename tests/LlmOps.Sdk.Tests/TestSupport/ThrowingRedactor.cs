using LlmOps.Sdk.Redaction;

namespace LlmOps.Sdk.Tests.TestSupport;

internal sealed class ThrowingRedactor : IPiiRedactor
{
    public string Redact(string text) => throw new InvalidOperationException("redactor failure");
}
