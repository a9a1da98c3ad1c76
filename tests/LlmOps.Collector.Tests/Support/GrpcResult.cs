namespace LlmOps.Collector.Tests.Support;

/// <summary>What a raw gRPC call returned: HTTP status, gRPC status and where it came from, and the response message.</summary>
internal sealed record GrpcResult(int HttpStatus, int? GrpcStatus, string? GrpcMessage, string? StatusDetailsBin, byte[] Message, bool TrailersOnly);
