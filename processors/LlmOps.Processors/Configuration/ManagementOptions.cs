namespace LlmOps.Processors.Configuration;

/// <summary>The management API, console, <c>/metrics</c> and health endpoints (<c>service.management</c>).</summary>
internal sealed class ManagementOptions
{
    public string Endpoint { get; set; } = "0.0.0.0:8080";

    /// <summary>API keys accepted in <c>X-Api-Key</c> for mutating calls; none configured means open (local use).</summary>
    public List<string> ApiKeys { get; set; } = [];
}
