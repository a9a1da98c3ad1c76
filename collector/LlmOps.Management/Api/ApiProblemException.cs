using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Api;

/// <summary>
/// A request the API refuses, thrown anywhere below an endpoint (also inside a transaction, which then rolls back) and
/// turned into RFC 7807 problem JSON by <see cref="ProblemEndpointFilter"/>.
/// </summary>
internal sealed class ApiProblemException : Exception
{
    public ApiProblemException(int status, string detail, IDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        Status = status;
        Errors = errors;
    }

    public ApiProblemException()
        : this(StatusCodes.Status400BadRequest, "bad request")
    {
    }

    public ApiProblemException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
    }

    public int Status { get; }

    public IDictionary<string, string[]>? Errors { get; }

    public static ApiProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);

    public static ApiProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    public static ApiProblemException Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static ApiProblemException Unprocessable(string detail) => new(StatusCodes.Status422UnprocessableEntity, detail);

    public static ApiProblemException Validation(IReadOnlyList<string> errors, int status = StatusCodes.Status400BadRequest)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var dict = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var e in errors)
        {
            var colon = e.IndexOf(": ", StringComparison.Ordinal);
            var key = colon > 0 ? e[..colon] : string.Empty;
            var msg = colon > 0 ? e[(colon + 2)..] : e;
            dict[key] = dict.TryGetValue(key, out var existing) ? [.. existing, msg] : [msg];
        }

        return new ApiProblemException(status, string.Join("; ", errors), dict);
    }

    public IResult ToResult() => Errors is { Count: > 0 }
        ? Results.ValidationProblem(Errors, detail: Message, statusCode: Status, title: TitleFor(Status))
        : Results.Problem(detail: Message, statusCode: Status, title: TitleFor(Status));

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable request",
        _ => "Error",
    };
}
