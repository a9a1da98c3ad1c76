using LlmOps.Processors.Configuration;

namespace LlmOps.Management.Settings;

/// <summary>Who a valid API key belongs to: its name (the audit actor), role and scopes; never the key.</summary>
internal sealed record ApiPrincipal(string Name, string Role, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt)
{
    public bool Allows(string scope) => ApiScopes.Allows(Scopes, scope);
}
