namespace LlmOps.Management.Settings;

/// <summary>The answer to a rotation: the new key, shown this once, and when the previous keys of that name stop working.</summary>
internal sealed record RotatedApiKey(ApiKeyInfo Key, string Secret, DateTimeOffset? PreviousKeysExpireAt, int PreviousKeys);
