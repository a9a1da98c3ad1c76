namespace LlmOps.Management.Api;

internal sealed class LabelRequest
{
    public long? Version { get; set; }
}
