namespace LlmOps.Management.Settings;

/// <summary>A new role or scope set for an issued key (one of the two).</summary>
internal sealed class ChangeApiKeyScopesRequest
{
    public string? Role { get; set; }

    public List<string>? Scopes { get; set; }
}
