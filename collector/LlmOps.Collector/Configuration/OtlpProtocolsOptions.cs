namespace LlmOps.Collector.Configuration;

/// <summary>The <c>protocols</c> block of the <c>otlp</c> receiver.</summary>
internal sealed class OtlpProtocolsOptions
{
    public OtlpProtocolOptions Grpc { get; set; } = new() { Endpoint = "0.0.0.0:4317" };

    public OtlpProtocolOptions Http { get; set; } = new() { Endpoint = "0.0.0.0:4318" };
}
