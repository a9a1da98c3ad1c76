namespace LlmOps.Management.Settings;

internal sealed class RotateApiKeyRequest
{
    public string? Name { get; set; }

    /// <summary>How long the previous keys of the same name stay valid (0..10080 minutes, default 60).</summary>
    public long? GracePeriodMinutes { get; set; }
}
