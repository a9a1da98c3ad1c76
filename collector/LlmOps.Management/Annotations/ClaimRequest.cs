namespace LlmOps.Management.Annotations;

internal sealed class ClaimRequest
{
    public string? Reviewer { get; set; }

    /// <summary>Lease length (10..86400 s); defaults to the queue's.</summary>
    public long? LeaseSeconds { get; set; }
}
