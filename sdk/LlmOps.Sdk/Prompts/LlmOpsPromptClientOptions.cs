namespace LlmOps.Sdk.Prompts;

/// <summary>Options of <see cref="LlmOpsPromptClient"/>.</summary>
public sealed class LlmOpsPromptClientOptions
{
    /// <summary>Gets or sets the collector's management API base address, e.g. <c>http://localhost:8080</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the API key sent as <c>X-Api-Key</c>, if the collector requires one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets how long a fetched prompt is served without asking the collector (default 60 s).
    /// After that it is revalidated with <c>If-None-Match</c>.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the timeout of one registry request (default 5 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long, after a failed fetch (collector down, hanging, erroring), a prompt is served
    /// from the last good copy or the default without asking the collector again (default 10 s).</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the HTTP client to use (not disposed by the prompt client); a private one when null.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets the clock used for cache freshness.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
