using LlmOps.Management.Settings;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Api;

/// <summary>
/// Requires a valid <c>X-Api-Key</c> on mutating calls once any key is configured or issued, and records the key's
/// name as the actor for the audit log (the key itself is never stored or logged).
/// </summary>
internal sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    private readonly ApiKeyService _keys;

    public ApiKeyEndpointFilter(ApiKeyService keys)
    {
        _keys = keys;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var presented = http.Request.Headers[HeaderName].ToString();
        var mutating = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        var name = string.IsNullOrEmpty(presented)
            ? null
            : await _keys.AuthenticateAsync(presented, http.RequestAborted).ConfigureAwait(false);
        if (mutating && name is null && await _keys.IsAuthRequiredAsync(http.RequestAborted).ConfigureAwait(false))
        {
            return Results.Problem(
                detail: string.IsNullOrEmpty(presented)
                    ? $"this call changes data: send a valid API key in the {HeaderName} header"
                    : "the API key is not valid (unknown, revoked or past its grace period)",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized");
        }

        http.Items[Actor.ItemKey] = name ?? Actor.Anonymous;
        return await next(context).ConfigureAwait(false);
    }
}
