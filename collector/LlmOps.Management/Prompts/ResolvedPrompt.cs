using System.Text.Json;

namespace LlmOps.Management.Prompts;

/// <summary>What the SDK fetches: <c>GET /api/v1/prompts/{name}/resolve</c>.</summary>
internal sealed record ResolvedPrompt(
    string Name,
    long Version,
    IReadOnlyList<string> Labels,
    string Template,
    IReadOnlyList<string> Variables,
    JsonElement Config,
    string Guidelines);
