namespace LlmOps.Management;

/// <summary>
/// An OpenAI-compatible chat completions endpoint: <c>POST {BaseUrl}/v1/chat/completions</c>, or the URL itself when it
/// already ends in <c>/v1</c> or <c>/chat/completions</c>.
/// </summary>
internal sealed class ChatEndpointOptions
{
    /// <summary>Base address, e.g. <c>http://localhost:11434</c>; empty means only the offline fake model is available.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Environment variable holding the bearer key (never stored in the database or logged).</summary>
    public string ApiKeyEnvironmentVariable { get; set; } = "LLMOPS_MODEL_API_KEY";

    /// <summary>The bearer key itself, when configured (the collector's <c>run_model.api_key</c>); wins over the variable.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Price used to estimate run cost, USD per million input tokens.</summary>
    public double InputCostPerMillionTokens { get; set; } = 0.15;

    /// <summary>Price used to estimate run cost, USD per million output tokens.</summary>
    public double OutputCostPerMillionTokens { get; set; } = 0.60;
}
