namespace LlmOps.Management.Datasets;

internal sealed class DatasetRequest
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}
