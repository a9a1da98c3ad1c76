namespace LlmOps.Collector.Configuration;

/// <summary>Settings of the <c>otlp</c> receiver (gRPC and HTTP, as in the OpenTelemetry Collector).</summary>
internal sealed class OtlpReceiverOptions
{
    public OtlpProtocolsOptions Protocols { get; set; } = new();

    /// <summary>Largest accepted request body in bytes, compressed and after decompression.</summary>
    public int MaxRequestBodySize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Refuse OTLP requests without an API key that has the <c>ingest</c> scope (off by default).</summary>
    public bool RequireApiKey { get; set; }
}
