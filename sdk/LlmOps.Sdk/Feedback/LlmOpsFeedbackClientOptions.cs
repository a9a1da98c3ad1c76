namespace LlmOps.Sdk.Feedback;

/// <summary>Options of <see cref="LlmOpsFeedbackClient"/>.</summary>
public sealed class LlmOpsFeedbackClientOptions
{
    /// <summary>Gets or sets the collector's OTLP/HTTP base address, e.g. <c>http://localhost:4318</c>; records
    /// are posted to <c>{Endpoint}/v1/logs</c>.</summary>
    public Uri Endpoint { get; set; } = new("http://localhost:4318");

    /// <summary>Gets or sets extra HTTP headers (e.g. an API key).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "unknown_service";

    /// <summary>Gets or sets how many records may wait; beyond it new feedback is dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Gets or sets how many records one request carries at most.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Gets or sets how many times a batch is tried before it is counted as failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry (doubled for each further one).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets how long disposal waits for queued feedback to be sent.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the HTTP client to use (not disposed by the feedback client); a private one when null.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets the clock for timestamps and retry delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
