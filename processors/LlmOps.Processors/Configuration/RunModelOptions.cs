namespace LlmOps.Processors.Configuration;

/// <summary>
/// The OpenAI-compatible chat-completions endpoint that dataset evaluation runs call for any model other than the
/// offline <c>fake</c> one (<c>service.management.run_model</c>). Empty endpoint: only <c>fake</c> runs.
/// </summary>
internal sealed class RunModelOptions
{
    /// <summary>Base URL (<c>http://localhost:11434</c>), its <c>/v1</c>, or the full <c>/v1/chat/completions</c> URL.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Bearer key; set it from the environment (<c>${env:LLMOPS_MODEL_API_KEY}</c>), never inline.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>How long one completion may take before the run records it as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Price for the run's cost estimate, USD per million input tokens.</summary>
    public double InputCostPerMillionTokens { get; set; } = 0.15;

    /// <summary>Price for the run's cost estimate, USD per million output tokens.</summary>
    public double OutputCostPerMillionTokens { get; set; } = 0.60;
}
