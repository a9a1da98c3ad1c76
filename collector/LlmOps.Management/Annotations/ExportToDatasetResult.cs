namespace LlmOps.Management.Annotations;

internal sealed record ExportToDatasetResult(long DatasetId, string DatasetName, int Exported);
