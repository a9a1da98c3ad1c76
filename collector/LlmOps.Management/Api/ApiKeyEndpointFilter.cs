using System.Globalization;
using LlmOps.Management.Settings;
using LlmOps.Processors.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LlmOps.Management.Api;

/// <summary>
/// Access control of the management API, in this order: rate limit (per key, or per client address without a valid
/// key) → 429; once any key is configured or issued, a missing or invalid key → 401 and a key without the needed
/// scope → 403 (reads are open to calls without a key only when <c>open_reads</c> is set); request body size → 413;
/// a body that is not JSON (or a type the endpoint also takes) → 415; a browser request from another site that
/// would change data → 403.
/// The key's name becomes the audit actor; the key itself is never stored or logged.
/// </summary>
internal sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    private readonly ApiKeyService _keys;
    private readonly ApiRateLimiter _limiter;
    private readonly ManagementOptions _access;

    public ApiKeyEndpointFilter(ApiKeyService keys, ApiRateLimiter limiter, ManagementStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _limiter = limiter;
        _access = options.Access;
    }

    /// <summary>The key in <c>X-Api-Key</c>, else in <c>Authorization: Bearer</c>; empty when neither is sent.</summary>
    public static string PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers[HeaderName].ToString();
        if (key.Length > 0)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : string.Empty;
    }

    /// <summary>The header <see cref="PresentedKey"/> took the key from, as a caller would name it.</summary>
    public static string PresentedHeader(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[HeaderName].ToString().Length > 0 ? HeaderName : "Authorization (Bearer)";
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        if (ApiAccess.IsOpen(endpoint))
        {
            return await next(context).ConfigureAwait(false);
        }

        var presented = PresentedKey(http.Request);
        var principal = presented.Length == 0 ? null : await _keys.AuthenticateAsync(presented, http.RequestAborted).ConfigureAwait(false);
        var (bucket, limit) = principal is null
            ? ("addr:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _access.AnonymousRateLimit)
            : ("key:" + principal.Name, LimitFor(principal));
        if (!_limiter.TryAcquire(bucket, limit, out var wait))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                detail: string.Create(CultureInfo.InvariantCulture, $"rate limit of {limit.RequestsPerSecond} requests/s (burst {limit.Burst}) exceeded for {(principal is null ? "this client address" : $"key '{principal.Name}'")}; retry after {seconds} s"),
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests");
        }

        var needed = ApiAccess.ScopeOf(endpoint)
            ?? (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? ApiScopes.Read : ApiScopes.Write);
        if (await _keys.IsAuthRequiredAsync(http.RequestAborted).ConfigureAwait(false))
        {
            if (principal is null && !(needed == ApiScopes.Read && _access.OpenReads))
            {
                http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
                return Results.Problem(
                    detail: presented.Length == 0
                        ? $"this call needs an API key with the '{needed}' scope: send it in the {HeaderName} header (or Authorization: Bearer)"
                        : $"the API key sent in the {PresentedHeader(http.Request)} header is not valid (unknown, revoked or expired)",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Unauthorized");
            }

            if (principal is not null && !principal.Allows(needed))
            {
                return Results.Problem(
                    detail: $"the API key '{principal.Name}' lacks the '{needed}' scope this call needs (it has: {string.Join(", ", principal.Scopes)}; role {principal.Role})",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Forbidden",
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["requiredScope"] = needed,
                        ["grantedScopes"] = principal.Scopes,
                    });
            }
        }

        var maxBody = ApiAccess.IsLargeBody(endpoint) ? _access.MaxImportBodySize : _access.MaxRequestBodySize;
        if (http.Request.ContentLength > maxBody)
        {
            return TooLarge(maxBody);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Bodies without a Content-Length are cut at the limit while being read (BadHttpRequestException 413).
            size.MaxRequestBodySize = maxBody;
        }

        if (RequestReader.BodyTypeProblem(http.Request, ApiAccess.OtherBodyTypes(endpoint)) is { } unsupported)
        {
            return unsupported.ToResult();
        }

        if (IsCrossSiteChange(http.Request))
        {
            return Results.Problem(
                detail: "a browser request from another site may not change data here (its Origin or Sec-Fetch-Site says so); call the API from a server or script, or through the console",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Cross-site request refused");
        }

        http.Items[Actor.ItemKey] = principal?.Name ?? Actor.Anonymous;
        http.Items[MaxBodyItemKey] = maxBody;
        return await next(context).ConfigureAwait(false);
    }

    public const string MaxBodyItemKey = "llmops.max-body";

    /// <summary>
    /// A request that may change data (not GET, HEAD or OPTIONS) that a browser sent from another site: its
    /// <c>Sec-Fetch-Site</c> is <c>cross-site</c>, or its <c>Origin</c> is not this host. Such a request without a body
    /// (an unmute, a claim) needs no CORS preflight, so on an API without keys any web page could send it; the
    /// console never does (it calls the API from the server), and scripts and servers send neither header.
    /// </summary>
    public static bool IsCrossSiteChange(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return false;
        }

        if (string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    public static IResult TooLarge(long maxBytes) => Results.Problem(
        detail: string.Create(CultureInfo.InvariantCulture, $"the request body exceeds the limit of {maxBytes} bytes for this call"),
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload too large");

    private RateLimitOptions LimitFor(ApiPrincipal principal) =>
        _access.KeyRateLimits.GetValueOrDefault(principal.Name)
        ?? _access.RoleRateLimits.GetValueOrDefault(principal.Role)
        ?? _access.RateLimit;
}
