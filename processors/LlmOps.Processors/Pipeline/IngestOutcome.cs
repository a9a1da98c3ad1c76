namespace LlmOps.Processors.Pipeline;

/// <summary>What a receiver tells its client about one export request.</summary>
internal readonly record struct IngestOutcome(IngestStatus Status, TimeSpan RetryAfter, string? Message)
{
    public static IngestOutcome Accepted => new(IngestStatus.Accepted, TimeSpan.Zero, null);
}
