namespace LlmOps.Management.Api;

internal sealed class MuteRequest
{
    public long? Minutes { get; set; }
}
