using System.Data.Common;
using LlmOps.Management.Data;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Api;

/// <summary>Maps <see cref="ApiProblemException"/>, over-long bodies and unique-constraint races to problem JSON.</summary>
internal sealed class ProblemEndpointFilter : IEndpointFilter
{
    private readonly ManagementDatabase _db;
    private readonly ManagementInitializer _initializer;

    public ProblemEndpointFilter(ManagementDatabase db, ManagementInitializer initializer)
    {
        _db = db;
        _initializer = initializer;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!_initializer.WhenReady.IsCompleted)
        {
            try
            {
                await _initializer.WhenReady.WaitAsync(TimeSpan.FromSeconds(30), context.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Results.Problem(detail: "the management store is still starting (migrations)", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ApiProblemException e)
        {
            return e.ToResult();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body without Content-Length ran past the limit set by ApiKeyEndpointFilter while being read.
            var limit = context.HttpContext.Items.TryGetValue(ApiKeyEndpointFilter.MaxBodyItemKey, out var v) && v is long l ? l : 0;
            return ApiKeyEndpointFilter.TooLarge(limit);
        }
        catch (DbException e) when (_db.IsUniqueViolation(e))
        {
            // Two requests raced past the duplicate check; the constraint decided.
            return ApiProblemException.Conflict("an item with the same unique key already exists").ToResult();
        }
    }
}
