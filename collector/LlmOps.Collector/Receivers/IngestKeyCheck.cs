using LlmOps.Collector.Hosting;
using LlmOps.Collector.Otlp;
using LlmOps.Management.Api;
using LlmOps.Management.Settings;
using LlmOps.Processors.Configuration;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Collector.Receivers;

/// <summary>
/// The optional key check of OTLP ingest (<c>receivers.otlp.require_api_key</c>): the key comes from
/// <c>x-api-key</c> or <c>authorization: Bearer</c> (HTTP headers, gRPC metadata) and needs the <c>ingest</c> scope.
/// Runs before the body is read. Lookups are cached by the key service (<c>service.management.key_cache_ttl</c>).
/// </summary>
internal sealed class IngestKeyCheck(CollectorOptions options, IApiKeyAuthenticator keys)
{
    /// <summary>
    /// Null when the request may go on (always, with the check off; then it completes synchronously); otherwise the
    /// refusal (gRPC code, HTTP status, metric reason, message).
    /// </summary>
    public async ValueTask<IngestRefusal?> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.RequireIngestApiKey)
        {
            return null;
        }

        var presented = ApiKeyEndpointFilter.PresentedKey(request);
        if (presented.Length == 0)
        {
            return new IngestRefusal(GrpcStatusCode.Unauthenticated, StatusCodes.Status401Unauthorized, Diagnostics.MetricNames.Unauthenticated, "this collector requires an API key with the 'ingest' scope: send it as x-api-key (or authorization: Bearer)");
        }

        var principal = await keys.AuthenticateAsync(presented, cancellationToken).ConfigureAwait(false);
        if (principal is null)
        {
            return new IngestRefusal(GrpcStatusCode.Unauthenticated, StatusCodes.Status401Unauthorized, Diagnostics.MetricNames.Unauthenticated, "the API key is not valid (unknown, revoked or expired)");
        }

        return principal.Allows(ApiScopes.Ingest)
            ? null
            : new IngestRefusal(GrpcStatusCode.PermissionDenied, StatusCodes.Status403Forbidden, Diagnostics.MetricNames.PermissionDenied, $"the API key '{principal.Name}' lacks the 'ingest' scope (it has: {string.Join(", ", principal.Scopes)})");
    }
}

/// <summary>Why an OTLP request was refused before its body was read.</summary>
internal sealed record IngestRefusal(GrpcStatusCode GrpcCode, int HttpStatus, string Reason, string Message);
