namespace LlmOps.Collector.Otlp;

/// <summary>The gRPC status codes the receivers use.</summary>
internal enum GrpcStatusCode
{
    Ok = 0,
    InvalidArgument = 3,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    Unauthenticated = 16,
}
