namespace LlmOps.Processors.Configuration;

/// <summary>
/// One configured API key: <c>name:key</c> (admin, the original form), <c>name[role]:key</c> or
/// <c>name[scope,scope]:key</c>, or a bare key (admin, named <c>key-N</c>). The key itself follows the first colon.
/// </summary>
internal sealed record ApiKeyEntry(string Name, string Role, IReadOnlyList<string> Scopes, string Key)
{
    public const int MinimumKeyLength = 16;

    /// <summary>Parses an entry; on failure <paramref name="error"/> says why (never containing the key).</summary>
    public static ApiKeyEntry? TryParse(string? entry, int index, out string error)
    {
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(entry))
        {
            error = "must not be empty";
            return null;
        }

        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        var (label, key) = colon > 0 ? (entry[..colon], entry[(colon + 1)..]) : ($"key-{index + 1}", entry);
        if (key.Length < MinimumKeyLength)
        {
            error = $"an API key must be at least {MinimumKeyLength} characters (name:key, name[role]:key or key)";
            return null;
        }

        var name = label;
        string? role = ApiScopes.Admin;
        List<string>? scopes = null;
        var open = label.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!label.EndsWith(']') || open == 0)
            {
                error = "expected name[role]:key or name[scope,scope]:key";
                return null;
            }

            name = label[..open];
            var inside = label[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (inside.Length == 1 && ApiScopes.Roles.ContainsKey(inside[0]))
            {
                role = inside[0];
            }
            else if (inside.Length == 1 && !ApiScopes.All.Contains(inside[0]))
            {
                error = $"unknown role or scope '{inside[0]}' (roles: {string.Join(", ", ApiScopes.Roles.Keys)}; scopes: {string.Join(", ", ApiScopes.All)})";
                return null;
            }
            else
            {
                role = null;
                scopes = [.. inside];
            }
        }

        var resolved = ApiScopes.Resolve(role, scopes, out error);
        return resolved is { } r ? new ApiKeyEntry(name, r.Role, r.Scopes, key) : null;
    }
}
