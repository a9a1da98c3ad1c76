using System.Text.RegularExpressions;

namespace LlmOps.Processors.Cost;

/// <summary>
/// Normalises model names for pricing: lower case, no provider or deployment prefix (<c>openai/</c>,
/// <c>models/</c>, <c>anthropic.</c>), no version or date suffix (<c>-2024-08-06</c>, <c>-20240620</c>, <c>@20240620</c>,
/// <c>-v1:0</c>, <c>:latest</c>, <c>-latest</c>).
/// </summary>
internal static partial class ModelNameNormalizer
{
    public static string Normalize(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = model.Trim().ToLowerInvariant();
        var slash = m.LastIndexOf('/');
        if (slash >= 0)
        {
            m = m[(slash + 1)..];
        }

        m = ProviderDotPrefix().Replace(m, string.Empty);
        m = BedrockVersion().Replace(m, string.Empty);
        m = TagSuffix().Replace(m, string.Empty);
        m = DateSuffix().Replace(m, string.Empty);
        return m;
    }

    [GeneratedRegex(@"^(?:anthropic|meta|mistral|cohere|amazon|ai21|us|eu|apac)\.(?:(?:anthropic|meta|mistral|cohere|amazon)\.)?")]
    private static partial Regex ProviderDotPrefix();

    [GeneratedRegex(@"-v\d+(?::\d+)?$")]
    private static partial Regex BedrockVersion();

    [GeneratedRegex(@"(?::latest|-latest|:\d+)$")]
    private static partial Regex TagSuffix();

    [GeneratedRegex(@"(?:[-@]\d{4}-\d{2}-\d{2}|[-@]\d{8})$")]
    private static partial Regex DateSuffix();
}
