namespace LlmOps.Management.Settings;

internal sealed class RotateApiKeyRequest
{
    public string? Name { get; set; }

    /// <summary>viewer, editor, admin or ingest; or give <see cref="Scopes"/>. Neither: the role of the key being rotated, else admin.</summary>
    public string? Role { get; set; }

    /// <summary>Any of ingest, read, write, admin (admin implies the others).</summary>
    public List<string>? Scopes { get; set; }

    /// <summary>How long the previous keys of the same name stay valid (0..10080 minutes, default 60).</summary>
    public long? GracePeriodMinutes { get; set; }

    /// <summary>Optional lifetime of the new key in days (1..3650); none means it does not expire.</summary>
    public long? ExpiresInDays { get; set; }
}
