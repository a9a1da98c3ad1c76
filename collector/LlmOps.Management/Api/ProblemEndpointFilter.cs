using System.Data.Common;
using LlmOps.Management.Data;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Api;

/// <summary>Maps <see cref="ApiProblemException"/> and unique-constraint races to problem JSON.</summary>
internal sealed class ProblemEndpointFilter : IEndpointFilter
{
    private readonly ManagementDatabase _db;

    public ProblemEndpointFilter(ManagementDatabase db)
    {
        _db = db;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ApiProblemException e)
        {
            return e.ToResult();
        }
        catch (DbException e) when (_db.IsUniqueViolation(e))
        {
            // Two requests raced past the duplicate check; the constraint decided.
            return ApiProblemException.Conflict("an item with the same unique key already exists").ToResult();
        }
    }
}
