namespace LlmOps.Collector.Hosting;

/// <summary>
/// Settings of the collector host: where it listens, how much it buffers, where it stores data. The defaults are the
/// built-in configuration that <c>dotnet run --project collector/LlmOps.Collector</c> starts with; the YAML loader
/// fills the same object from <c>receivers.otlp</c> and <c>service</c>.
/// </summary>
internal sealed class CollectorOptions
{
    /// <summary>OTLP/gRPC listen address, <c>host:port</c> (HTTP/2 cleartext only).</summary>
    public string GrpcEndpoint { get; set; } = "0.0.0.0:4317";

    /// <summary>OTLP/HTTP listen address, <c>host:port</c>.</summary>
    public string HttpEndpoint { get; set; } = "0.0.0.0:4318";

    /// <summary>Management API, console, <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>, <c>host:port</c>.</summary>
    public string ManagementEndpoint { get; set; } = "0.0.0.0:8080";

    /// <summary>Largest accepted request body in bytes, compressed and after decompression (413 / RESOURCE_EXHAUSTED beyond).</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// OTLP requests need an API key with the <c>ingest</c> scope (<c>x-api-key</c> or <c>authorization: Bearer</c>);
    /// off by default.
    /// </summary>
    public bool RequireIngestApiKey { get; set; }

    /// <summary>Bound of the ingest queue in items (spans + log records + metric points), queued or being exported.</summary>
    public int QueueCapacityItems { get; set; } = 20_000;

    /// <summary>Most export requests one pipeline pass takes from the queue (group commit).</summary>
    public int MaxRequestsPerBatch { get; set; } = 512;

    /// <summary>Most items one pipeline pass takes from the queue (a single larger request is still taken whole).</summary>
    public int MaxItemsPerBatch { get; set; } = 10_000;

    /// <summary>The retry delay suggested to clients when the queue is full or storing failed.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one exporter may take for one batch before the pass fails (and the clients retry).</summary>
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a graceful stop (SIGTERM) may take to drain the queue into the store.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Directory for the embedded store and other state; created at start.</summary>
    public string DataDirectory { get; set; } = "./data";
}
