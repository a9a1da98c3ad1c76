using System.Text.Json;

namespace LlmOps.Management.Annotations;

internal sealed class SubmitRequest
{
    public string? LeaseToken { get; set; }

    public Dictionary<string, JsonElement>? Scores { get; set; }

    public string? Comment { get; set; }

    /// <summary>The answer as it should have been; becomes the expected output when exported to a dataset.</summary>
    public string? CorrectedOutput { get; set; }
}
