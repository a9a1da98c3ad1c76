namespace LlmOps.Management.Api;

internal sealed class AcknowledgeRequest
{
    public string? Comment { get; set; }
}
