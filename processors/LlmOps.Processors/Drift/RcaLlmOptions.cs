namespace LlmOps.Processors.Drift;

/// <summary>Optional refinement of root-cause text by an OpenAI-compatible chat completions endpoint.</summary>
internal sealed class RcaLlmOptions
{
    /// <summary>Base address, e.g. <c>http://127.0.0.1:11434</c>; empty disables refinement.</summary>
    public string Endpoint { get; set; } = string.Empty;

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Sent as a bearer token; never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}
