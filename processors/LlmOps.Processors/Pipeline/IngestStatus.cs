namespace LlmOps.Processors.Pipeline;

internal enum IngestStatus
{
    /// <summary>Durably stored; the receiver may acknowledge.</summary>
    Accepted = 0,

    /// <summary>The bounded queue is full: retryable (gRPC UNAVAILABLE / HTTP 503 with a retry delay).</summary>
    Overloaded = 1,

    /// <summary>The collector is stopping: retryable.</summary>
    ShuttingDown = 2,

    /// <summary>Storing failed; nothing was acknowledged: retryable.</summary>
    Failed = 3,
}
