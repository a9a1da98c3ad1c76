namespace LlmOps.Sdk;

internal static class ContentCapture
{
    public static bool ParseFlag(string? value) =>
        value is not null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim() == "1");
}
