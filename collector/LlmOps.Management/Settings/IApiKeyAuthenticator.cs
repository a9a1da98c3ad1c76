namespace LlmOps.Management.Settings;

/// <summary>Checks presented API keys (management API and, when switched on, OTLP ingest).</summary>
internal interface IApiKeyAuthenticator
{
    /// <summary>The key's principal when <paramref name="presented"/> is a valid key, otherwise null.</summary>
    ValueTask<ApiPrincipal?> AuthenticateAsync(string presented, CancellationToken cancellationToken);

    /// <summary>True when any key is configured or any issued key is still valid.</summary>
    ValueTask<bool> IsAuthRequiredAsync(CancellationToken cancellationToken);
}
