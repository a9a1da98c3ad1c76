namespace LlmOps.Sdk.OpenTelemetry;

/// <summary>The OTLP transport to the collector.</summary>
public enum LlmOpsOtlpProtocol
{
    /// <summary>OTLP/gRPC (collector port 4317).</summary>
    Grpc,

    /// <summary>OTLP/HTTP with protobuf bodies (collector port 4318).</summary>
    HttpProtobuf,
}
