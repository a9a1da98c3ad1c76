namespace LlmOps.Management.Annotations;

internal sealed class SkipRequest
{
    public string? LeaseToken { get; set; }

    public string? Comment { get; set; }
}
