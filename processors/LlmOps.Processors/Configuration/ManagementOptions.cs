namespace LlmOps.Processors.Configuration;

/// <summary>The management API, console, <c>/metrics</c> and health endpoints (<c>service.management</c>).</summary>
internal sealed class ManagementOptions
{
    public string Endpoint { get; set; } = "0.0.0.0:8080";

    /// <summary>
    /// API keys accepted in <c>X-Api-Key</c> (see <see cref="ApiKeyEntry"/> for the forms); none configured and none
    /// issued means an open API (local use).
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>When auth is required, let calls without a key read (GET) anyway; writes still need a key.</summary>
    public bool OpenReads { get; set; }

    /// <summary>Per-key token bucket (each key has its own), unless a role or key entry below overrides it.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Token bucket per client address for calls without a valid key.</summary>
    public RateLimitOptions AnonymousRateLimit { get; set; } = new();

    /// <summary>Overrides by role name (viewer, editor, admin, ingest, custom).</summary>
    public Dictionary<string, RateLimitOptions> RoleRateLimits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Overrides by key name (wins over the role's).</summary>
    public Dictionary<string, RateLimitOptions> KeyRateLimits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest request body of a management call in bytes (413 above it).</summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest body of a dataset import (<c>POST /api/v1/datasets/{id}/import</c>) in bytes.</summary>
    public long MaxImportBodySize { get; set; } = 50 * 1024 * 1024;

    /// <summary>How long a key lookup (valid or not) is remembered; a key revoked on another replica stops working within it.</summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The model endpoint dataset evaluation runs call (none: only the offline <c>fake</c> model runs).</summary>
    public RunModelOptions RunModel { get; set; } = new();
}
