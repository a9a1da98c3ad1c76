namespace LlmOps.Management.Annotations;

/// <summary>Export completed items into an existing dataset (<see cref="DatasetId"/>) or a new one (<see cref="DatasetName"/>).</summary>
internal sealed class ExportToDatasetRequest
{
    public long? DatasetId { get; set; }

    public string? DatasetName { get; set; }
}
