namespace LlmOps.Management.Settings;

/// <summary>An issued API key as listed (never the key or its hash).</summary>
internal sealed record ApiKeyInfo(
    long Id,
    string Name,
    string Prefix,
    string Role,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    bool Active);
