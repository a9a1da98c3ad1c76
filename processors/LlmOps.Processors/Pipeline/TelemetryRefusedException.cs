namespace LlmOps.Processors.Pipeline;

/// <summary>
/// A durable exporter refuses the data itself: storing the same items again cannot succeed (a value the store cannot
/// hold), unlike a failure of the store (unreachable, busy, disk full), which a retry may get past. The ingest queue
/// then stores the pass request by request, and a refused request in halves, until the refused items are alone: those
/// are rejected in the request's partial success and everything else is stored.
/// </summary>
internal sealed class TelemetryRefusedException : Exception
{
    public TelemetryRefusedException()
    {
    }

    public TelemetryRefusedException(string message)
        : base(message)
    {
    }

    public TelemetryRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
