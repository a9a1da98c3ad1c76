namespace LlmOps.Processors.Pipeline;

/// <summary>
/// What a receiver tells its client about one export request. An accepted request may still have had items refused by
/// the store (<see cref="Rejected"/>, with the reasons in <see cref="Message"/>): the receiver adds them to its partial
/// success.
/// </summary>
internal readonly record struct IngestOutcome(IngestStatus Status, TimeSpan RetryAfter, string? Message)
{
    public static IngestOutcome Accepted => new(IngestStatus.Accepted, TimeSpan.Zero, null);

    /// <summary>Items of an accepted request that the store refused (everything else of it is stored).</summary>
    public long Rejected { get; init; }
}
