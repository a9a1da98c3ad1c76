using System.Text.Json;

namespace LlmOps.Management.Prompts;

internal sealed class CreatePromptRequest
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Template { get; set; }

    public string? Guidelines { get; set; }

    public JsonElement? Config { get; set; }

    public List<string>? Labels { get; set; }

    public string? CommitMessage { get; set; }
}
