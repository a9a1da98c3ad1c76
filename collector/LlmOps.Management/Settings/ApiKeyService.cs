using System.Security.Cryptography;
using System.Text;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;

namespace LlmOps.Management.Settings;

/// <summary>
/// API keys: configured ones (from <see cref="ManagementStoreOptions.ApiKeys"/>) and issued ones (rotation, stored
/// as SHA-256 hashes only). A rotation issues a new key for a name and lets the older keys of that name expire after
/// a grace period.
/// </summary>
internal sealed class ApiKeyService
{
    private const string KeyPrefix = "llmops_";

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _configured;

    public ApiKeyService(ManagementDatabase db, IAuditLog audit, TimeProvider time, ManagementStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _db = db;
        _audit = audit;
        _time = time;
        _configured = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var (name, key) = colon > 0 ? (entry[..colon], entry[(colon + 1)..]) : ($"key-{i + 1}", entry);
            _configured[Hash(key)] = name;
        }
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key's name when <paramref name="presented"/> is a valid key, otherwise null.</summary>
    public async Task<string?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        var hash = Hash(presented);
        if (_configured.TryGetValue(hash, out var name))
        {
            return name;
        }

        return await _db.ReadAsync(
            async s => (string?)await s.ScalarAsync(
                "SELECT name FROM mgmt_api_keys WHERE key_hash = @h AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
                cancellationToken,
                ("h", hash),
                ("now", _time.GetUtcNow())).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when any key is configured or any issued key is still valid.</summary>
    public async Task<bool> IsAuthRequiredAsync(CancellationToken cancellationToken)
    {
        if (_configured.Count > 0)
        {
            return true;
        }

        var active = await _db.ReadAsync(
            s => s.ScalarLongAsync(
                "SELECT COUNT(*) FROM mgmt_api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
                cancellationToken,
                ("now", _time.GetUtcNow())),
            cancellationToken).ConfigureAwait(false);
        return active > 0;
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _db.ReadAsync<IReadOnlyList<ApiKeyInfo>>(
            async s => await s.QueryAsync(
                "SELECT id, name, prefix, created_at, expires_at, revoked_at FROM mgmt_api_keys ORDER BY id",
                r => Map(r, now),
                cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    public async Task<RotatedApiKey> RotateAsync(RotateApiKeyRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var name = check.Name(request.Name ?? "default", "name", 100);
        var grace = check.Range(request.GracePeriodMinutes, "gracePeriodMinutes", 0, 10_080, 60);
        check.ThrowIfInvalid();

        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var prefix = secret[..(KeyPrefix.Length + 6)];
        var now = _time.GetUtcNow();
        var expireOld = now.AddMinutes(grace);
        return await _db.WriteAsync(
            async s =>
            {
                var previous = await s.ExecuteAsync(
                    "UPDATE mgmt_api_keys SET expires_at = @exp WHERE name = @n AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @exp)",
                    cancellationToken,
                    ("exp", expireOld),
                    ("n", name)).ConfigureAwait(false);
                var id = await s.ScalarLongAsync(
                    "INSERT INTO mgmt_api_keys (name, key_hash, prefix, created_at) VALUES (@n, @h, @p, @t) RETURNING id",
                    cancellationToken,
                    ("n", name),
                    ("h", Hash(secret)),
                    ("p", prefix),
                    ("t", now)).ConfigureAwait(false) ?? 0;
                await _audit.AppendAsync(s, AuditTypes.ApiKey, "rotate", actor, new { name, id, prefix, previousKeys = previous, previousKeysExpireAt = previous > 0 ? expireOld : (DateTimeOffset?)null }, cancellationToken).ConfigureAwait(false);
                return new RotatedApiKey(new ApiKeyInfo(id, name, prefix, now, null, null, true), secret, previous > 0 ? expireOld : null, previous);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<ApiKeyInfo> RevokeAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _db.WriteAsync(
            async s =>
            {
                var key = await s.QuerySingleAsync(
                    "SELECT id, name, prefix, created_at, expires_at, revoked_at FROM mgmt_api_keys WHERE id = @id" + s.ForUpdate,
                    r => Map(r, now),
                    cancellationToken,
                    ("id", id)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no API key with id {id}");
                if (key.RevokedAt is not null)
                {
                    throw ApiProblemException.Conflict($"API key {id} is already revoked");
                }

                await s.ExecuteAsync("UPDATE mgmt_api_keys SET revoked_at = @t WHERE id = @id", cancellationToken, ("t", now), ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.ApiKey, "revoke", actor, new { id, key.Name, key.Prefix }, cancellationToken).ConfigureAwait(false);
                return key with { RevokedAt = now, Active = false };
            },
            cancellationToken);
    }

    private static ApiKeyInfo Map(System.Data.Common.DbDataReader r, DateTimeOffset now)
    {
        var expires = r.TimeOrNull(4);
        var revoked = r.TimeOrNull(5);
        return new ApiKeyInfo(r.Long(0), r.Str(1), r.Str(2), r.Time(3), expires, revoked, revoked is null && (expires is null || expires > now));
    }
}
