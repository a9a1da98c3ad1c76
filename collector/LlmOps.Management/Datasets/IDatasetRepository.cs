namespace LlmOps.Management.Datasets;

/// <summary>Datasets and their items. Bulk adds (import) are all-or-nothing.</summary>
internal interface IDatasetRepository
{
    Task<IReadOnlyList<DatasetSummary>> ListAsync(CancellationToken cancellationToken);

    Task<DatasetSummary> GetAsync(long id, CancellationToken cancellationToken);

    Task<DatasetSummary> CreateAsync(DatasetRequest request, string actor, CancellationToken cancellationToken);

    Task<DatasetSummary> UpdateAsync(long id, DatasetRequest request, string actor, CancellationToken cancellationToken);

    Task DeleteAsync(long id, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<DatasetItem>> ListItemsAsync(long datasetId, string? status, long? afterId, int limit, CancellationToken cancellationToken);

    Task<DatasetItem> GetItemAsync(long datasetId, long itemId, CancellationToken cancellationToken);

    /// <summary>Validates every item first (400 listing each bad one), then inserts all in one transaction.</summary>
    Task<IReadOnlyList<DatasetItem>> AddItemsAsync(long datasetId, IReadOnlyList<DatasetItemRequest> items, string action, string actor, CancellationToken cancellationToken);

    Task<DatasetItem> UpdateItemAsync(long datasetId, long itemId, DatasetItemRequest request, string actor, CancellationToken cancellationToken);

    Task DeleteItemAsync(long datasetId, long itemId, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<DatasetItem>> AllItemsAsync(long datasetId, CancellationToken cancellationToken);
}
