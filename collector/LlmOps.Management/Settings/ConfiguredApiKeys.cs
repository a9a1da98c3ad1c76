using System.Security.Cryptography;
using System.Text;
using LlmOps.Processors.Configuration;

namespace LlmOps.Management.Settings;

/// <summary>The keys from <c>service.management.api_keys</c>, held only as SHA-256 hashes.</summary>
internal sealed class ConfiguredApiKeys : IApiKeyAuthenticator
{
    private readonly Dictionary<string, ApiPrincipal> _byHash = new(StringComparer.Ordinal);

    public ConfiguredApiKeys(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(entries[i]))
            {
                continue;
            }

            var entry = ApiKeyEntry.TryParse(entries[i], i, out var error)
                ?? throw new InvalidOperationException($"api_keys[{i}]: {error}");
            _byHash[Hash(entry.Key)] = new ApiPrincipal(entry.Name, entry.Role, entry.Scopes, null);
        }
    }

    public int Count => _byHash.Count;

    /// <summary>Whether a configured key has the admin scope (then issued keys can never lock admins out).</summary>
    public bool HasAdmin => _byHash.Values.Any(p => p.Allows(ApiScopes.Admin));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public ApiPrincipal? Find(string hash) => _byHash.GetValueOrDefault(hash);

    public ValueTask<ApiPrincipal?> AuthenticateAsync(string presented, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.IsNullOrEmpty(presented) ? null : Find(Hash(presented)));

    public ValueTask<bool> IsAuthRequiredAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_byHash.Count > 0);
}
