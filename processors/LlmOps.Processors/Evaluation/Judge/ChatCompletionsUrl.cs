namespace LlmOps.Processors.Evaluation.Judge;

/// <summary>Where an OpenAI-compatible endpoint takes chat completions, however its address was written.</summary>
internal static class ChatCompletionsUrl
{
    /// <summary>A base URL gets <c>/v1/chat/completions</c>, one ending in <c>/v1</c> gets <c>/chat/completions</c>, a full URL stays.</summary>
    public static string For(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var trimmed = endpoint.TrimEnd('/');
        if (trimmed.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            return trimmed;
        }

        return trimmed.EndsWith("/v1", StringComparison.Ordinal) ? trimmed + "/chat/completions" : trimmed + "/v1/chat/completions";
    }
}
