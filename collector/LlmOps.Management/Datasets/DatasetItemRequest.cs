using System.Text.Json;

namespace LlmOps.Management.Datasets;

internal sealed class DatasetItemRequest
{
    public string? Input { get; set; }

    public string? ExpectedOutput { get; set; }

    public string? Context { get; set; }

    public string? VerificationStatus { get; set; }

    public JsonElement? Metadata { get; set; }
}
