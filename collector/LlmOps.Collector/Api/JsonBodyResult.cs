using System.Text.Json;

namespace LlmOps.Collector.Api;

/// <summary>An <see cref="IResult"/> that writes JSON straight into the response body with a <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class JsonBodyResult(Action<Utf8JsonWriter> write) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        write(w);
        await w.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
