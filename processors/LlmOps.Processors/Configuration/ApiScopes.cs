namespace LlmOps.Processors.Configuration;

/// <summary>
/// What an API key may do: <c>ingest</c> (send OTLP), <c>read</c>, <c>write</c> (change data) and <c>admin</c> (keys,
/// settings; implies every other scope). Roles name common scope sets.
/// </summary>
internal static class ApiScopes
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public const string CustomRole = "custom";

    public static IReadOnlyList<string> All { get; } = [Ingest, Read, Write, Admin];

    /// <summary>Role name → scopes it grants.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["viewer"] = [Read],
        ["editor"] = [Read, Write],
        ["admin"] = [Ingest, Read, Write, Admin],
        ["ingest"] = [Ingest],
    };

    /// <summary>True when <paramref name="granted"/> includes <paramref name="needed"/> (admin includes everything).</summary>
    public static bool Allows(IReadOnlyCollection<string> granted, string needed)
    {
        ArgumentNullException.ThrowIfNull(granted);
        return granted.Contains(Admin) || granted.Contains(needed);
    }

    /// <summary>
    /// The role and the sorted, de-duplicated scope list a key gets from a role name or a scope list (one of them);
    /// null with <paramref name="error"/> set when a name is unknown.
    /// </summary>
    public static (string Role, IReadOnlyList<string> Scopes)? Resolve(string? role, IReadOnlyCollection<string>? scopes, out string error)
    {
        error = string.Empty;
        if (!string.IsNullOrEmpty(role))
        {
            if (Roles.TryGetValue(role, out var granted))
            {
                return (role, granted);
            }

            error = $"unknown role '{Truncate(role)}' (known: {string.Join(", ", Roles.Keys)})";
            return null;
        }

        if (scopes is null || scopes.Count == 0)
        {
            error = "give a role or at least one scope";
            return null;
        }

        foreach (var s in scopes)
        {
            if (s is null || !All.Contains(s))
            {
                error = $"unknown scope '{Truncate(s ?? "null")}' (known: {string.Join(", ", All)})";
                return null;
            }
        }

        var normalized = scopes.Contains(Admin) ? Roles["admin"] : All.Where(scopes.Contains).ToList();
        var matching = Roles.FirstOrDefault(r => r.Value.SequenceEqual(normalized)).Key;
        return (matching ?? CustomRole, normalized);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
