using System.Text.Json;

namespace LlmOps.Management.Prompts;

internal sealed class NewPromptVersionRequest
{
    public string? Template { get; set; }

    public string? Guidelines { get; set; }

    public JsonElement? Config { get; set; }

    /// <summary>Labels to move onto the new version (e.g. <c>test</c>).</summary>
    public List<string>? Labels { get; set; }

    public string? CommitMessage { get; set; }
}
