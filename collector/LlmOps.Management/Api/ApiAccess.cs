using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Management.Api;

/// <summary>Endpoint metadata read by <see cref="ApiKeyEndpointFilter"/>.</summary>
internal static class ApiAccess
{
    /// <summary>
    /// Service key of the access filter as a plain <see cref="IEndpointFilter"/>, for endpoint groups outside this
    /// assembly (query API, console dashboard API); absent when the management API is not hosted.
    /// </summary>
    public const string FilterServiceKey = "llmops.api-access";

    /// <summary>The scope a call needs when it is not the method's default (GET/HEAD read, others write).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope));

    /// <summary>A call anyone may make (the OpenAPI document).</summary>
    public static TBuilder AllowAnyone<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenAccess());

    /// <summary>A call whose body may be up to <c>max_import_body_size</c> (dataset import).</summary>
    public static TBuilder AllowLargeBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new LargeBody());

    /// <summary>Body types a call takes besides JSON (dataset import: <c>text/csv</c>).</summary>
    public static TBuilder AcceptBodyTypes<TBuilder>(this TBuilder builder, params string[] mediaTypes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyTypes(mediaTypes));

    public static string? ScopeOf(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<RequiredScope>()?.Scope;

    public static bool IsOpen(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<OpenAccess>() is not null;

    public static bool IsLargeBody(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<LargeBody>() is not null;

    public static IReadOnlyList<string> OtherBodyTypes(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<BodyTypes>()?.MediaTypes ?? [];

    private sealed record RequiredScope(string Scope);

    private sealed record BodyTypes(string[] MediaTypes);

    private sealed record OpenAccess;

    private sealed record LargeBody;
}
