namespace LlmOps.Management.Datasets;

internal sealed record DatasetSummary(long Id, string Name, string Description, long ItemCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
