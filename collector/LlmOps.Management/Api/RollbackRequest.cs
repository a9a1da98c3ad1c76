namespace LlmOps.Management.Api;

internal sealed class RollbackRequest
{
    /// <summary>The label to move back (default <c>production</c>).</summary>
    public string? Label { get; set; }

    /// <summary>Target version; default: where the label pointed before its last move.</summary>
    public long? Version { get; set; }
}
