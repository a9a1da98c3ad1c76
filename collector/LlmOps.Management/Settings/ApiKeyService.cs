using System.Collections.Concurrent;
using System.Security.Cryptography;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Processors.Configuration;

namespace LlmOps.Management.Settings;

/// <summary>
/// API keys: configured ones (from <see cref="ManagementStoreOptions.ApiKeys"/>) and issued ones (rotation, stored
/// as SHA-256 hashes only), each with a role and scopes. A rotation issues a new key for a name and lets the older
/// keys of that name expire after a grace period. Lookups (valid or not) are cached for
/// <see cref="ManagementOptions.KeyCacheTtl"/>; this replica's own rotations and revocations clear the cache at once,
/// other replicas' take effect within that time.
/// </summary>
internal sealed class ApiKeyService : IApiKeyAuthenticator
{
    private const string KeyPrefix = "llmops_";
    private const int MaxCachedKeys = 10_000;
    private const string Columns = "id, name, prefix, role, scopes, created_at, expires_at, revoked_at";

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ConfiguredApiKeys _configured;
    private readonly TimeSpan _cacheTtl;
    private readonly ConcurrentDictionary<string, (ApiPrincipal? Principal, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private volatile RequiredUntil? _required;

    public ApiKeyService(ManagementDatabase db, IAuditLog audit, TimeProvider time, ManagementStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _db = db;
        _audit = audit;
        _time = time;
        _configured = new ConfiguredApiKeys(options.ApiKeys);
        _cacheTtl = options.Access.KeyCacheTtl;
    }

    public static string Hash(string key) => ConfiguredApiKeys.Hash(key);

    public async ValueTask<ApiPrincipal?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var hash = Hash(presented);
        if (_configured.Find(hash) is { } configured)
        {
            return configured;
        }

        var now = _time.GetUtcNow();
        if (!_cache.TryGetValue(hash, out var cached) || cached.Until <= now)
        {
            var principal = await _db.ReadAsync(
                s => s.QuerySingleAsync(
                    "SELECT name, role, scopes, expires_at FROM mgmt_api_keys WHERE key_hash = @h AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
                    r => new ApiPrincipal(r.Str(0), r.Str(1), SplitScopes(r.Str(2)), r.TimeOrNull(3)),
                    cancellationToken,
                    ("h", hash),
                    ("now", now)),
                cancellationToken).ConfigureAwait(false);
            cached = (principal, now + _cacheTtl);
            if (_cacheTtl > TimeSpan.Zero)
            {
                if (_cache.Count >= MaxCachedKeys)
                {
                    _cache.Clear();
                }

                _cache[hash] = cached;
            }
        }

        // A cached key still stops at its own expiry time.
        return cached.Principal is { } p && (p.ExpiresAt is null || p.ExpiresAt > now) ? p : null;
    }

    public async ValueTask<bool> IsAuthRequiredAsync(CancellationToken cancellationToken)
    {
        if (_configured.Count > 0)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        if (_required is { } r && r.Until > now)
        {
            return r.Required;
        }

        var active = await _db.ReadAsync(
            s => s.ScalarLongAsync(
                "SELECT COUNT(*) FROM mgmt_api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
                cancellationToken,
                ("now", now)),
            cancellationToken).ConfigureAwait(false);

        // Remembered for the cache time either way; this replica's own key changes clear it (a first key counts at once).
        _required = new RequiredUntil(active > 0, now + _cacheTtl);
        return active > 0;
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _db.ReadAsync<IReadOnlyList<ApiKeyInfo>>(
            async s => await s.QueryAsync(
                $"SELECT {Columns} FROM mgmt_api_keys ORDER BY id",
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
        long? lifetime = request.ExpiresInDays is null ? null : check.Range(request.ExpiresInDays, "expiresInDays", 1, 3650, 1);
        var explicitGrant = request.Role is not null || request.Scopes is not null;
        var grant = explicitGrant ? ResolveGrant(check, request.Role, request.Scopes) : null;
        check.ThrowIfInvalid();

        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var prefix = secret[..(KeyPrefix.Length + 6)];
        var now = _time.GetUtcNow();
        var expireOld = now.AddMinutes(grace);
        DateTimeOffset? expires = lifetime is { } days ? now.AddDays(days) : null;
        var rotated = await _db.WriteAsync(
            async s =>
            {
                // Without a role or scopes a rotation keeps the grant of the newest active key of that name.
                var (role, scopes) = grant ?? await s.QuerySingleAsync(
                    "SELECT role, scopes FROM mgmt_api_keys WHERE name = @n AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now) ORDER BY id DESC LIMIT 1",
                    r => Tuple.Create(r.Str(0), (IReadOnlyList<string>)SplitScopes(r.Str(1))),
                    cancellationToken,
                    ("n", name),
                    ("now", now)).ConfigureAwait(false) switch
                {
                    { } t => (t.Item1, t.Item2),
                    null => (ApiScopes.Admin, ApiScopes.Roles[ApiScopes.Admin]),
                };
                var previous = await s.ExecuteAsync(
                    "UPDATE mgmt_api_keys SET expires_at = @exp WHERE name = @n AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @exp)",
                    cancellationToken,
                    ("exp", expireOld),
                    ("n", name)).ConfigureAwait(false);
                var id = await s.ScalarLongAsync(
                    "INSERT INTO mgmt_api_keys (name, key_hash, prefix, role, scopes, created_at, expires_at) VALUES (@n, @h, @p, @r, @s, @t, @e) RETURNING id",
                    cancellationToken,
                    ("n", name),
                    ("h", Hash(secret)),
                    ("p", prefix),
                    ("r", role),
                    ("s", JoinScopes(scopes)),
                    ("t", now),
                    ("e", expires)).ConfigureAwait(false) ?? 0;
                await _audit.AppendAsync(
                    s,
                    AuditTypes.ApiKey,
                    "rotate",
                    actor,
                    new { name, id, prefix, role, scopes, expiresAt = expires, previousKeys = previous, previousKeysExpireAt = previous > 0 ? expireOld : (DateTimeOffset?)null },
                    cancellationToken).ConfigureAwait(false);
                return new RotatedApiKey(new ApiKeyInfo(id, name, prefix, role, scopes, now, expires, null, true), secret, previous > 0 ? expireOld : null, previous);
            },
            cancellationToken).ConfigureAwait(false);
        Invalidate();
        return rotated;
    }

    public async Task<ApiKeyInfo> ChangeScopesAsync(long id, ChangeApiKeyScopesRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var grant = ResolveGrant(check, request.Role, request.Scopes);
        check.ThrowIfInvalid();
        var (role, scopes) = grant!.Value;
        var now = _time.GetUtcNow();
        var changed = await _db.WriteAsync(
            async s =>
            {
                var active = await LockActiveAsync(s, now, cancellationToken).ConfigureAwait(false);
                var key = await LockAsync(s, id, now, cancellationToken).ConfigureAwait(false);
                if (key.RevokedAt is not null)
                {
                    throw ApiProblemException.Conflict($"API key {id} is revoked");
                }

                if (key.Role == role && key.Scopes.SequenceEqual(scopes))
                {
                    throw ApiProblemException.Conflict($"API key {id} already has role {role} ({JoinScopes(scopes)})");
                }

                if (!ApiScopes.Allows(scopes, ApiScopes.Admin))
                {
                    EnsureAdminRemains(active, id, keyStaysActive: true);
                }

                await s.ExecuteAsync("UPDATE mgmt_api_keys SET role = @r, scopes = @s WHERE id = @id", cancellationToken, ("r", role), ("s", JoinScopes(scopes)), ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(
                    s,
                    AuditTypes.ApiKey,
                    "change_scopes",
                    actor,
                    new { id, key.Name, key.Prefix, fromRole = key.Role, fromScopes = key.Scopes, role, scopes },
                    cancellationToken).ConfigureAwait(false);
                return key with { Role = role, Scopes = scopes };
            },
            cancellationToken).ConfigureAwait(false);
        Invalidate();
        return changed;
    }

    public async Task<ApiKeyInfo> RevokeAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var revoked = await _db.WriteAsync(
            async s =>
            {
                var active = await LockActiveAsync(s, now, cancellationToken).ConfigureAwait(false);
                var key = await LockAsync(s, id, now, cancellationToken).ConfigureAwait(false);
                if (key.RevokedAt is not null)
                {
                    throw ApiProblemException.Conflict($"API key {id} is already revoked");
                }

                EnsureAdminRemains(active, id, keyStaysActive: false);

                await s.ExecuteAsync("UPDATE mgmt_api_keys SET revoked_at = @t WHERE id = @id", cancellationToken, ("t", now), ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.ApiKey, "revoke", actor, new { id, key.Name, key.Prefix, key.Role }, cancellationToken).ConfigureAwait(false);
                return key with { RevokedAt = now, Active = false };
            },
            cancellationToken).ConfigureAwait(false);
        Invalidate();
        return revoked;
    }

    /// <summary>Forgets cached lookups (after this replica changed a key).</summary>
    public void Invalidate()
    {
        _cache.Clear();
        _required = null;
    }

    private sealed record RequiredUntil(bool Required, DateTimeOffset Until);

    private static (string Role, IReadOnlyList<string> Scopes)? ResolveGrant(Check check, string? role, List<string>? scopes)
    {
        if (role is not null && scopes is not null)
        {
            check.Fail("role", "give either a role or scopes, not both");
            return null;
        }

        var resolved = ApiScopes.Resolve(role, scopes, out var error);
        if (resolved is null)
        {
            check.Fail(role is not null ? "role" : "scopes", error);
        }

        return resolved;
    }

    /// <summary>
    /// Locks every active issued key (in id order, before the key being changed, so concurrent changes on any replica
    /// wait for each other and each sees the others' result) and returns their ids and scopes.
    /// </summary>
    private static Task<List<(long Id, List<string> Scopes)>> LockActiveAsync(DbSession s, DateTimeOffset now, CancellationToken cancellationToken) =>
        s.QueryAsync(
            "SELECT id, scopes FROM mgmt_api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now) ORDER BY id" + s.ForUpdate,
            r => (r.Long(0), SplitScopes(r.Str(1))),
            cancellationToken,
            ("now", now));

    /// <summary>
    /// Refuses a demotion or revocation of <paramref name="id"/> that would leave keys in force but none with the admin
    /// scope: no admin call (key management, settings) could be made again. A configured admin key always remains; with
    /// no key left at all the API is open again, which is not a lockout.
    /// </summary>
    private void EnsureAdminRemains(List<(long Id, List<string> Scopes)> active, long id, bool keyStaysActive)
    {
        if (_configured.HasAdmin || active.Any(k => k.Id != id && ApiScopes.Allows(k.Scopes, ApiScopes.Admin)))
        {
            return;
        }

        var keysLeft = _configured.Count > 0 || keyStaysActive || active.Any(k => k.Id != id);
        if (keysLeft && active.Any(k => k.Id == id && ApiScopes.Allows(k.Scopes, ApiScopes.Admin)))
        {
            throw ApiProblemException.Conflict(
                $"API key {id} is the last active key with the admin scope: this would leave no active key with the admin scope, and no admin call (settings, key management) could be made again; issue another admin key first");
        }
    }

    private static async Task<ApiKeyInfo> LockAsync(DbSession s, long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await s.QuerySingleAsync(
            $"SELECT {Columns} FROM mgmt_api_keys WHERE id = @id" + s.ForUpdate,
            r => Map(r, now),
            cancellationToken,
            ("id", id)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"no API key with id {id}");

    private static string JoinScopes(IReadOnlyList<string> scopes) => string.Join(',', scopes);

    private static List<string> SplitScopes(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private static ApiKeyInfo Map(System.Data.Common.DbDataReader r, DateTimeOffset now)
    {
        var expires = r.TimeOrNull(6);
        var revoked = r.TimeOrNull(7);
        return new ApiKeyInfo(r.Long(0), r.Str(1), r.Str(2), r.Str(3), SplitScopes(r.Str(4)), r.Time(5), expires, revoked, revoked is null && (expires is null || expires > now));
    }
}
