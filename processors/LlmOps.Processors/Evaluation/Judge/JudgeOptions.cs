namespace LlmOps.Processors.Evaluation.Judge;

/// <summary>An OpenAI-compatible chat-completions endpoint used as an LLM judge. Empty endpoint: no judge.</summary>
internal sealed class JudgeOptions
{
    /// <summary>Base URL, e.g. <c>http://localhost:11434</c> or <c>https://api.example.com/v1</c>.</summary>
    public string Endpoint { get; set; } = string.Empty;

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Bearer key; set it from the environment (<c>${env:LLMOPS_JUDGE_API_KEY}</c>), never inline.</summary>
    public string ApiKey { get; set; } = string.Empty;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries after 429 or 5xx answers, honouring <c>Retry-After</c>.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest wait between retries, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);
}
